namespace Platform.Inspections.Domain;

public enum Direction
{
    First,
    Improved,
    Same,
    Declined,
}

/// <summary>One graded inspection in an authority's history, and how it compares with the one before.</summary>
public sealed record TrajectoryPoint(DateOnly PublicationDate, Framework Framework, Grade Overall, Direction Direction);

public static class GradeTrajectory
{
    /// <summary>The overall grades in publication order (visits carry none and are left out).</summary>
    public static IReadOnlyList<TrajectoryPoint> Of(IEnumerable<Judgement> judgements)
    {
        var points = new List<TrajectoryPoint>();
        Grade? previous = null;
        foreach (var judgement in judgements.Where(j => j.Overall is not null).OrderBy(j => j.PublicationDate))
        {
            var grade = judgement.Overall!.Value;
            var direction = previous switch
            {
                null => Direction.First,
                { } before when grade < before => Direction.Improved,
                { } before when grade > before => Direction.Declined,
                _ => Direction.Same,
            };
            points.Add(new TrajectoryPoint(judgement.PublicationDate, judgement.Framework, grade, direction));
            previous = grade;
        }

        return points;
    }
}

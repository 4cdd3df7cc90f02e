namespace Platform.Providers.Domain;

/// <summary>
/// An authority a local government reorganisation ended (I3c), kept as history: published data names it
/// for the years before the change, and its figures belong on its successors' pages.
/// </summary>
public sealed class EndedLocalAuthority
{
    public string Gss { get; private set; } = "";

    /// <summary>Its DfE LA number, which a successor may have kept (Buckinghamshire, North Yorkshire, Somerset).</summary>
    public string LaNumber { get; private set; } = "";

    public string Name { get; private set; } = "";

    /// <summary>Its last day.</summary>
    public DateOnly EndedOn { get; private set; }

    /// <summary>GSS codes of the current authorities that took over its area.</summary>
    public List<string> Successors { get; private set; } = [];

    public DateTimeOffset UpdatedAt { get; private set; }

    private EndedLocalAuthority()
    {
    }

    public static EndedLocalAuthority From(LocalAuthorityChange change, DateTimeOffset now)
    {
        var ended = new EndedLocalAuthority { Gss = change.Gss };
        ended.Apply(change, now);
        return ended;
    }

    /// <summary>Takes the change's values; returns whether anything changed.</summary>
    public bool Apply(LocalAuthorityChange change, DateTimeOffset now)
    {
        if (LaNumber == change.LaNumber && Name == change.Name && EndedOn == change.EndedOn && Successors.SequenceEqual(change.Successors))
        {
            return false;
        }

        LaNumber = change.LaNumber;
        Name = change.Name;
        EndedOn = change.EndedOn;
        Successors = [.. change.Successors];
        UpdatedAt = now;
        return true;
    }
}

/// <summary>One row of the reference list of authority changes, already validated.</summary>
public sealed record LocalAuthorityChange(string Gss, string LaNumber, string Name, DateOnly EndedOn, IReadOnlyList<string> Successors);

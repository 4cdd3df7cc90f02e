using System.Globalization;
using System.Text;
using Platform.Commissioners.Domain;

namespace Platform.Bench.Intervention;

/// <summary>
/// A reproducible history of one graded inspection a year for each real authority: grades drawn from a
/// fixed seed, with a share of authorities failing repeatedly so the rules have work to do. Bench data
/// only; it never seeds the platform.
/// </summary>
public sealed class SyntheticHistory
{
    private static readonly string[] Grades = ["outstanding", "good", "requires improvement", "inadequate"];

    public SyntheticHistory(IReadOnlyList<(string Gss, string LaNumber, string Name)> authorities, int years, DateOnly lastPublication)
    {
        var random = new Random(20151214);
        foreach (var (gss, laNumber, name) in authorities)
        {
            var failing = random.NextDouble() < 0.2;
            for (var year = 0; year < years; year++)
            {
                var published = lastPublication.AddYears(-years + 1 + year).AddDays(-random.Next(0, 200));
                var grade = failing && random.NextDouble() < 0.6 ? "inadequate" : Grades[random.Next(0, 3)];
                Rows.Add(new Row(gss, laNumber, name, published, year < years / 3 ? "SIF" : "ILACS", grade));
            }
        }
    }

    public sealed record Row(string Gss, string LaNumber, string Name, DateOnly Published, string Framework, string Overall);

    public List<Row> Rows { get; } = [];

    public string ToCsv()
    {
        var csv = new StringBuilder("gss_code,la_code,name,publication_date,framework,overall,impact_of_leaders,help_and_protection,in_care,care_leavers,report\n");
        foreach (var row in Rows)
        {
            var name = row.Name.Contains(',', StringComparison.Ordinal) ? $"\"{row.Name}\"" : row.Name;
            csv.Append(CultureInfo.InvariantCulture, $"{row.Gss},{row.LaNumber},{name},{row.Published:yyyy-MM-dd},{row.Framework},{row.Overall},{row.Overall},{row.Overall},{row.Overall},,report.pdf\n");
        }

        return csv.ToString();
    }

    /// <summary>The rules alone: each authority's history replayed in publication order, as the Commissioners consumer applies it.</summary>
    public int EvaluateRules(InterventionPolicy policy)
    {
        var fired = 0;
        foreach (var authority in Rows.GroupBy(row => row.Gss))
        {
            var history = new List<JudgementRecord>();
            var open = false;
            var escalated = false;
            foreach (var row in authority.OrderBy(row => row.Published))
            {
                var record = new JudgementRecord
                {
                    JudgementId = Guid.NewGuid(), LocalAuthority = row.Gss, Framework = row.Framework == "SIF" ? "sif" : "ilacs",
                    PublicationDate = row.Published, Overall = row.Overall.Replace(' ', '-'),
                    ImpactOfLeaders = row.Overall.Replace(' ', '-'), HelpAndProtection = row.Overall.Replace(' ', '-'), InCare = row.Overall.Replace(' ', '-'),
                };
                history.Add(record);
                if (open && !escalated && record.IsRequiresImprovementOrBetter)
                {
                    open = false;
                    continue;
                }

                if (!record.IsInadequate)
                {
                    continue;
                }

                open = true;
                if (!escalated && InterventionRules.AtPublication(policy, record, history, record.PublicationDate) is not null)
                {
                    escalated = true;
                    fired++;
                }
            }
        }

        return fired;
    }
}

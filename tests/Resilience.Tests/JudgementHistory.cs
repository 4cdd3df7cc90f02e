using System.Globalization;
using System.Text;

namespace Platform.Resilience.Tests;

/// <summary>
/// A history of the tests' own making in Ofsted's inspection history layout (I3b): a graded inspection a
/// week for each authority, grades drawn from a fixed seed, about one in eight inadequate so that cases
/// open, escalate and end while the history is applied.
/// </summary>
public static class JudgementHistory
{
    private const string Header = "gss_code,la_code,name,publication_date,framework,overall,impact_of_leaders,help_and_protection,in_care,care_leavers,report\n";
    private static readonly string[] Grades = ["outstanding", "good", "good", "requires improvement", "requires improvement", "requires improvement", "good", "inadequate"];

    public static string Csv(IReadOnlyList<Authorities.Authority> authorities, int perAuthority)
    {
        var random = new Random(20131101);
        var csv = new StringBuilder(Header);
        var first = new DateOnly(2001, 1, 8);
        for (var week = 0; week < perAuthority; week++)
        {
            foreach (var authority in authorities)
            {
                var grade = Grades[random.Next(Grades.Length)];
                var name = authority.Name.Contains(',', StringComparison.Ordinal) ? $"\"{authority.Name}\"" : authority.Name;
                csv.Append(CultureInfo.InvariantCulture,
                    $"{authority.Gss},{authority.LaNumber},{name},{first.AddDays(7 * week):yyyy-MM-dd},SIF,{grade},{grade},{grade},{grade},{grade},\n");
            }
        }

        return csv.ToString();
    }
}

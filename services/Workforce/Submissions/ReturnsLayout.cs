using CsvHelper;
using Platform.Messaging.LocalAuthorities;
using Platform.Workforce.Domain;

namespace Platform.Workforce.Submissions;

/// <summary>A return read from an import's row: the authority it is filed under, any others a joint return covers, its year and figures.</summary>
public sealed record ReturnRow(int Line, string LocalAuthority, IReadOnlyList<string> JointWith, int CensusYear, WorkforceFigures Figures)
{
    public IEnumerable<string> Covers => JointWith.Prepend(LocalAuthority);
}

/// <summary>
/// A published England or regional row (W7): not a return, but the figures the platform's own
/// England and regional measures are compared with, as DfE published them (rates as percentages).
/// </summary>
public sealed record PublishedArea(int Line, string Level, string Code, string Name, int CensusYear, IReadOnlyDictionary<WorkforceMeasure, decimal?> Published);

/// <summary>What one row of an import says: a return, a published area, or the problems that refuse it; and what was read differently from what it says.</summary>
public sealed class ReadRow
{
    public ReturnRow? Return { get; set; }

    public PublishedArea? Area { get; set; }

    /// <summary>The rates a return's row published beside its counts, checked against those the counts give (W7).</summary>
    public IReadOnlyDictionary<WorkforceMeasure, decimal?> PublishedRates { get; set; } = new Dictionary<WorkforceMeasure, decimal?>();

    public List<string> Problems { get; } = [];

    public List<string> Notes { get; } = [];
}

/// <summary>A CSV layout the workforce import takes: the platform's own, or DfE's published statistics.</summary>
public interface IReturnsLayout
{
    /// <summary>The columns a header must have for this layout.</summary>
    IReadOnlyList<string> RequiredColumns { get; }

    /// <summary>Whether a header is in this layout (the rest of its columns are then checked).</summary>
    bool Recognises(IReadOnlyList<string> header);

    ReadRow Read(CsvReader row, LocalAuthorityResolver directory, DateOnly today);
}

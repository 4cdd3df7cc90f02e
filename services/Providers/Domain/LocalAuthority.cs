namespace Platform.Providers.Domain;

/// <summary>An English local authority with children's services (DOMAIN, Parties), as published in the reference data.</summary>
public sealed class LocalAuthority
{
    /// <summary>ONS GSS code, e.g. E08000025: the public identifier used across the platform.</summary>
    public string Gss { get; private set; } = "";

    /// <summary>DfE three-digit LA number, which statistical neighbours refer to.</summary>
    public string LaNumber { get; private set; } = "";

    public string Name { get; private set; } = "";

    public string RegionCode { get; private set; } = "";

    public string RegionName { get; private set; } = "";

    public string LaType { get; private set; } = "";

    public int? PopulationAged0To25 { get; private set; }

    /// <summary>DfE LA numbers of up to ten statistical neighbours, closest first.</summary>
    public List<string> StatisticalNeighbours { get; private set; } = [];

    public DateTimeOffset UpdatedAt { get; private set; }

    private LocalAuthority()
    {
    }

    public static LocalAuthority From(LocalAuthorityRecord record, DateTimeOffset now)
    {
        var authority = new LocalAuthority { Gss = record.Gss };
        authority.Apply(record, now);
        return authority;
    }

    /// <summary>Takes the record's values; returns whether anything changed.</summary>
    public bool Apply(LocalAuthorityRecord record, DateTimeOffset now)
    {
        if (Matches(record))
        {
            return false;
        }

        LaNumber = record.LaNumber;
        Name = record.Name;
        RegionCode = record.RegionCode;
        RegionName = record.RegionName;
        LaType = record.LaType;
        PopulationAged0To25 = record.PopulationAged0To25;
        StatisticalNeighbours = [.. record.StatisticalNeighbours];
        UpdatedAt = now;
        return true;
    }

    private bool Matches(LocalAuthorityRecord record) =>
        LaNumber == record.LaNumber
        && Name == record.Name
        && RegionCode == record.RegionCode
        && RegionName == record.RegionName
        && LaType == record.LaType
        && PopulationAged0To25 == record.PopulationAged0To25
        && StatisticalNeighbours.SequenceEqual(record.StatisticalNeighbours);
}

/// <summary>One authority as read from the reference CSV, already validated.</summary>
public sealed record LocalAuthorityRecord(
    string Gss,
    string LaNumber,
    string Name,
    string RegionCode,
    string RegionName,
    string LaType,
    int? PopulationAged0To25,
    IReadOnlyList<string> StatisticalNeighbours);

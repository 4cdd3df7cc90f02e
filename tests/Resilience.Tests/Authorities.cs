using System.Text;
using Platform.Testing.Journeys;

namespace Platform.Resilience.Tests;

/// <summary>Real authorities (codes and names from the ONS and DfE lists) the resilience tests load into the registry.</summary>
public static class Authorities
{
    public sealed record Authority(string Gss, string LaNumber, string Name, string RegionCode, string Region);

    public static Authority[] London { get; } =
    [
        new("E09000001", "201", "City of London", "GL", "London"), new("E09000007", "202", "Camden", "GL", "London"),
        new("E09000011", "203", "Greenwich", "GL", "London"), new("E09000012", "204", "Hackney", "GL", "London"),
        new("E09000013", "205", "Hammersmith and Fulham", "GL", "London"), new("E09000019", "206", "Islington", "GL", "London"),
        new("E09000020", "207", "Kensington and Chelsea", "GL", "London"), new("E09000022", "208", "Lambeth", "GL", "London"),
        new("E09000023", "209", "Lewisham", "GL", "London"), new("E09000028", "210", "Southwark", "GL", "London"),
        new("E09000030", "211", "Tower Hamlets", "GL", "London"), new("E09000032", "212", "Wandsworth", "GL", "London"),
        new("E09000033", "213", "Westminster", "GL", "London"), new("E09000002", "301", "Barking and Dagenham", "GL", "London"),
        new("E09000003", "302", "Barnet", "GL", "London"), new("E09000004", "303", "Bexley", "GL", "London"),
        new("E09000005", "304", "Brent", "GL", "London"), new("E09000006", "305", "Bromley", "GL", "London"),
        new("E09000008", "306", "Croydon", "GL", "London"), new("E09000009", "307", "Ealing", "GL", "London"),
        new("E09000010", "308", "Enfield", "GL", "London"), new("E09000014", "309", "Haringey", "GL", "London"),
        new("E09000015", "310", "Harrow", "GL", "London"), new("E09000016", "311", "Havering", "GL", "London"),
        new("E09000017", "312", "Hillingdon", "GL", "London"), new("E09000018", "313", "Hounslow", "GL", "London"),
        new("E09000021", "314", "Kingston upon Thames", "GL", "London"), new("E09000024", "315", "Merton", "GL", "London"),
        new("E09000025", "316", "Newham", "GL", "London"), new("E09000026", "317", "Redbridge", "GL", "London"),
    ];

    public static Authority[] Counties { get; } =
    [
        new("E10000007", "830", "Derbyshire", "EM", "East Midlands"), new("E10000011", "845", "East Sussex", "SE", "South East"),
        new("E10000014", "850", "Hampshire", "SE", "South East"), new("E10000018", "855", "Leicestershire", "EM", "East Midlands"),
        new("E10000028", "860", "Staffordshire", "WM", "West Midlands"), new("E10000003", "873", "Cambridgeshire", "E", "East of England"),
        new("E10000008", "878", "Devon", "SW", "South West"), new("E10000012", "881", "Essex", "E", "East of England"),
        new("E10000034", "885", "Worcestershire", "WM", "West Midlands"), new("E10000016", "886", "Kent", "SE", "South East"),
        new("E10000017", "888", "Lancashire", "NW", "North West"), new("E10000024", "891", "Nottinghamshire", "EM", "East Midlands"),
        new("E10000013", "916", "Gloucestershire", "SW", "South West"), new("E10000015", "919", "Hertfordshire", "E", "East of England"),
        new("E10000019", "925", "Lincolnshire", "EM", "East Midlands"), new("E10000020", "926", "Norfolk", "E", "East of England"),
        new("E10000025", "931", "Oxfordshire", "SE", "South East"), new("E10000029", "935", "Suffolk", "E", "East of England"),
        new("E10000030", "936", "Surrey", "SE", "South East"), new("E10000031", "937", "Warwickshire", "WM", "West Midlands"),
    ];

    /// <summary>The reference list's layout, with populations and neighbours of the tests' own making.</summary>
    public static string Csv(IEnumerable<Authority> authorities)
    {
        var csv = new StringBuilder(MainJourneys.Header).Append('\n');
        foreach (var authority in authorities)
        {
            csv.Append($"{authority.Gss},{authority.LaNumber},{authority.Name},{authority.RegionCode},{authority.Region},County,100000,\n");
        }

        return csv.ToString();
    }
}

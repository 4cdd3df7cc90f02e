using Platform.Providers.Domain;
using Platform.ServiceDefaults.Csv;

namespace Platform.Providers.Tests;

public sealed class LocalAuthorityCsvTests
{
    private static CsvRecords<LocalAuthorityRecord> Parse(string csv) => LocalAuthorityCsv.Parse(new StringReader(csv));

    [Fact]
    public void Reads_every_column_of_the_published_format()
    {
        var result = Parse(ReferenceCsv.Of(ReferenceCsv.Birmingham));

        result.Errors.ShouldBeEmpty();
        var birmingham = result.Records.ShouldHaveSingleItem();
        birmingham.Gss.ShouldBe("E08000025");
        birmingham.LaNumber.ShouldBe("330");
        birmingham.RegionName.ShouldBe("West Midlands");
        birmingham.PopulationAged0To25.ShouldBe(432811);
        birmingham.StatisticalNeighbours.Count.ShouldBe(10);
        birmingham.StatisticalNeighbours[0].ShouldBe("892");
    }

    [Theory]
    [InlineData("E07000025,330,Birmingham,WM,West Midlands,District,1,", "gss_code")]
    [InlineData("E08000025,33,Birmingham,WM,West Midlands,District,1,", "la_code")]
    [InlineData("E08000025,330,,WM,West Midlands,District,1,", "name")]
    [InlineData("E08000025,330,Birmingham,WM,West Midlands,District,many,", "population_0_25")]
    [InlineData("E08000025,330,Birmingham,WM,West Midlands,District,1,892 x12", "stat_neighbours")]
    public void A_row_that_does_not_hold_together_is_rejected_with_its_line_and_reason(string row, string column)
    {
        var result = Parse(ReferenceCsv.Of(ReferenceCsv.Sandwell, row));

        result.Records.ShouldHaveSingleItem().Gss.ShouldBe("E08000028");
        var error = result.Errors.ShouldHaveSingleItem();
        error.Line.ShouldBe(3);
        error.Reason.ShouldContain(column);
    }

    [Fact]
    public void A_repeated_authority_is_rejected() =>
        Parse(ReferenceCsv.Of(ReferenceCsv.Sandwell, ReferenceCsv.Sandwell)).Errors.ShouldHaveSingleItem().Reason.ShouldContain("more than once");

    [Fact]
    public void A_file_without_the_expected_header_is_refused_whole() =>
        Parse("code,name\nE08000025,Birmingham\n").Errors.ShouldHaveSingleItem().Line.ShouldBe(1);

    [Fact]
    public void A_quote_inside_an_unquoted_value_makes_its_row_an_error()
    {
        var result = Parse(ReferenceCsv.Of(ReferenceCsv.Sandwell, "E08000025,330,Birming\"ham,WM,West Midlands,District,1,", ReferenceCsv.Birmingham.Replace("E08000025", "E08000026", StringComparison.Ordinal)));

        result.Records.Select(record => record.Gss).ShouldBe(["E08000028", "E08000026"]);
        var error = result.Errors.ShouldHaveSingleItem();
        error.Line.ShouldBe(3);
        error.Reason.ShouldContain("quote");
    }

    [Fact]
    public void A_quote_left_open_refuses_the_lines_it_would_swallow_instead_of_merging_them()
    {
        var result = Parse(ReferenceCsv.Of(
            ReferenceCsv.Sandwell,
            "E08000025,330,\"Birmingham,WM,West Midlands,District,1,",
            ReferenceCsv.Birmingham.Replace("E08000025", "E08000026", StringComparison.Ordinal)));

        result.Records.Select(record => record.Gss).ShouldBe(["E08000028"]);
        var error = result.Errors.ShouldHaveSingleItem();
        error.Line.ShouldBe(3);
        error.Reason.ShouldContain("quote");
        error.Reason.ShouldContain("lines 3 to");
    }
}

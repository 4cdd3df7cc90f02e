namespace Platform.Providers.Tests;

/// <summary>A small reference list in the published format, made here so the tests need no outside file.</summary>
public static class ReferenceCsv
{
    public const string Header = "gss_code,la_code,name,region_code,region_name,la_type,population_0_25,stat_neighbours";

    public const string Birmingham = "E08000025,330,Birmingham,WM,West Midlands,Metropolitan District,432811,892 352 380 391 353 889 373 806 852 355";
    public const string Sandwell = "E08000028,333,Sandwell,WM,West Midlands,Metropolitan District,117233,332 373 391 380 352 886 830 812 356 352";
    public const string Doncaster = "E08000017,371,Doncaster,YH,Yorkshire and the Humber,Metropolitan District,93214,370 392 372 373 392 840 805 806 807 358";

    public const string Leeds = "E08000035,383,Leeds,YH,Yorkshire and the Humber,Metropolitan District,200000,373 372 370 371 392 350 352 353 354 355";
    public const string Sheffield = "E08000019,373,Sheffield,YH,Yorkshire and the Humber,Metropolitan District,150000,383 372 370 371 392 350 352 353 354 355";

    public const string Wakefield = "E08000036,384,Wakefield,YH,Yorkshire and the Humber,Metropolitan District,110000,372 370 371 373 383 392 350 352 353 354";
    public const string Rotherham = "E08000018,372,Rotherham,YH,Yorkshire and the Humber,Metropolitan District,80000,384 370 371 373 383 392 350 352 353 354";

    public static string Of(params string[] rows) => string.Join('\n', [Header, .. rows]) + "\n";
}

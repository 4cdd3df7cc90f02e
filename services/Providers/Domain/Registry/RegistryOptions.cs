namespace Platform.Providers.Domain.Registry;

public sealed class RegistryOptions
{
    public const string Section = "Registry";

    /// <summary>P3 policy by name: <c>statutory</c> (default) or <c>strict</c>.</summary>
    public string ControlPolicy { get; set; } = "statutory";

    public ControlPolicy Policy => ControlPolicy switch
    {
        "statutory" => Registry.ControlPolicy.Statutory,
        "strict" => Registry.ControlPolicy.Strict,
        _ => throw new InvalidOperationException($"{Section}:ControlPolicy must be statutory or strict, not '{ControlPolicy}'."),
    };
}

namespace Platform.Providers.Domain.Registry;

/// <summary>How one organisation controls another (P3): a majority of voting rights, or the right to appoint the board.</summary>
public sealed record ControlLink(Guid ControllerId, decimal? VotingRightsShare, bool AppointsBoard)
{
    public bool IsControl => AppointsBoard || VotingRightsShare > 0.5m;
}

/// <summary>An organisation as the rules see it: its form and who controls it.</summary>
public sealed record RegistryEntry(Guid Id, string Name, string Type, string? Subtype, ControlLink? Controller, bool RegisteredAdoptionSociety = false)
{
    public bool IsProfitDistributing => LegalForm.IsProfitDistributing(Type, Subtype);

    public string Describe() => $"{Name} ({Type}{(Subtype is null ? "" : $", {Subtype}")})";
}

public sealed class ControlCycleException(IReadOnlyList<RegistryEntry> cycle)
    : Exception($"Control goes round in a circle: {string.Join(" → ", cycle.Select(entry => entry.Name))}.")
{
    public IReadOnlyList<RegistryEntry> Cycle { get; } = cycle;
}

public static class ControlChain
{
    /// <summary>
    /// P3: the organisation and each controller above it, up to the ultimate controller. Links that do
    /// not amount to control end the chain; a chain that comes back on itself is refused.
    /// </summary>
    public static IReadOnlyList<RegistryEntry> Follow(RegistryEntry start, Func<Guid, RegistryEntry?> find)
    {
        var chain = new List<RegistryEntry> { start };
        var seen = new HashSet<Guid> { start.Id };
        for (var current = start; current.Controller is { IsControl: true } link;)
        {
            var controller = find(link.ControllerId);
            if (controller is null)
            {
                break;
            }

            chain.Add(controller);
            if (!seen.Add(controller.Id))
            {
                throw new ControlCycleException(chain);
            }

            current = controller;
        }

        return chain;
    }
}

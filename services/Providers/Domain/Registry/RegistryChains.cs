using Microsoft.EntityFrameworkCore;
using Platform.Providers.Data;

namespace Platform.Providers.Domain.Registry;

public static class RegistryChains
{
    /// <summary>Loads the controllers above an organisation one step at a time, then follows the chain (P3).</summary>
    public static async Task<IReadOnlyList<RegistryEntry>> FollowAsync(ProvidersDbContext db, RegistryEntry start, CancellationToken cancellationToken)
    {
        var loaded = new Dictionary<Guid, RegistryEntry> { [start.Id] = start };
        for (var next = start.Controller?.ControllerId; next is { } id && !loaded.ContainsKey(id);)
        {
            var controller = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
            if (controller is null)
            {
                break;
            }

            var entry = controller.ToEntry();
            loaded[id] = entry;
            next = entry.Controller?.ControllerId;
        }

        return ControlChain.Follow(start, id => loaded.GetValueOrDefault(id));
    }
}

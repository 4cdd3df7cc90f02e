using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults.Auth;

namespace Platform.Identity.Keys;

/// <summary>The key ring as an operator sees it (no private parts), and a rotation on demand.</summary>
public static class KeysApi
{
    public static void MapKeysApi(this WebApplication app)
    {
        var keys = app.MapGroup("/api/identity/keys").RequireAuthorization(Roles.Operator).WithTags("Keys");
        keys.MapGet("/", (KeyRing ring, TimeProvider time) => TypedResults.Ok(ring.Keys.Select(key => KeyView.Of(key, time.GetUtcNow())).ToList()));
        keys.MapPost("/rotations", async Task<Created<IReadOnlyList<KeyView>>> (KeyRotation rotation, TimeProvider time, CancellationToken cancellationToken) =>
        {
            var made = await rotation.RotateNowAsync(cancellationToken);
            return TypedResults.Created("/api/identity/keys", (IReadOnlyList<KeyView>)[.. made.Select(key => KeyView.Of(key, time.GetUtcNow()))]);
        });
    }
}

public sealed record KeyView(string KeyId, KeyPurpose Purpose, DateTimeOffset NotBefore, DateTimeOffset NotAfter, bool Usable)
{
    public static KeyView Of(StoredKey key, DateTimeOffset now) => new(key.KeyId, key.Purpose, key.NotBefore, key.NotAfter, key.NotBefore <= now && now < key.NotAfter);
}

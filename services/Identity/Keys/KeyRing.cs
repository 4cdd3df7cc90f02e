using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using Platform.Identity.Data;

namespace Platform.Identity.Keys;

/// <summary>
/// The keys this replica holds, read from the database, and OpenIddict's credentials made from them.
/// When the ring changes (a key added or dropped, a key whose time to be used has come) OpenIddict's
/// options are built again: a key turns over without a restart, in every replica within one refresh.
/// </summary>
public sealed class KeyRing(IServiceScopeFactory scopes, IOptions<KeyRingOptions> options, TimeProvider time)
    : IConfigureOptions<OpenIddictServerOptions>, IOptionsChangeTokenSource<OpenIddictServerOptions>, IDisposable
{
    private readonly Dictionary<string, X509Certificate2> _opened = [];
    private readonly Lock _gate = new();
    private IReadOnlyList<StoredKey> _keys = [];
    private string _shape = "";
    private CancellationTokenSource _changed = new();

    public string? Name => Options.DefaultName;

    /// <summary>The keys held, newest first (their certificates' private parts are never given out).</summary>
    public IReadOnlyList<StoredKey> Keys => _keys;

    /// <summary>A signing key is in use: tokens can be issued.</summary>
    public bool CanSign => _keys.Any(key => key.Purpose == KeyPurpose.Signing && key.NotBefore <= time.GetUtcNow() && time.GetUtcNow() < key.NotAfter);

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var now = time.GetUtcNow();
        var stored = await db.Keys.AsNoTracking().Where(key => key.NotAfter > now).OrderByDescending(key => key.NotBefore).ToListAsync(cancellationToken);

        // Which keys are held and which of them may be used now: when either changes, OpenIddict chooses again.
        var shape = string.Join(",", stored.Select(key => $"{key.KeyId}:{key.NotBefore <= now}"));
        CancellationTokenSource changed;
        lock (_gate)
        {
            if (shape == _shape)
            {
                return;
            }

            foreach (var key in stored.Where(key => !_opened.ContainsKey(key.KeyId)))
            {
                _opened[key.KeyId] = KeyMaker.Open(key, options.Value.Password);
            }

            foreach (var dropped in _opened.Keys.Except(stored.Select(key => key.KeyId)).ToList())
            {
                _opened.Remove(dropped, out var certificate);
                certificate?.Dispose();
            }

            _keys = stored;
            _shape = shape;
            changed = _changed;
            _changed = new CancellationTokenSource();
        }

        await changed.CancelAsync();
        changed.Dispose();
    }

    public IChangeToken GetChangeToken()
    {
        lock (_gate)
        {
            return new CancellationChangeToken(_changed.Token);
        }
    }

    /// <summary>
    /// Every held key becomes a credential; OpenIddict uses the valid certificate that expires last, which
    /// is the newest key whose time has come, and publishes every signing key in its JWKS.
    /// </summary>
    public void Configure(OpenIddictServerOptions server)
    {
        lock (_gate)
        {
            foreach (var key in _keys)
            {
                var securityKey = new X509SecurityKey(_opened[key.KeyId], key.KeyId);
                if (key.Purpose == KeyPurpose.Signing)
                {
                    server.SigningCredentials.Add(new SigningCredentials(securityKey, SecurityAlgorithms.RsaSha256));
                }
                else
                {
                    server.EncryptionCredentials.Add(new EncryptingCredentials(securityKey, SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512));
                }
            }
        }
    }

    public void Dispose()
    {
        _changed.Dispose();
        foreach (var certificate in _opened.Values)
        {
            certificate.Dispose();
        }
    }
}

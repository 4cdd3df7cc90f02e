using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Platform.ServiceDefaults.Auth;

/// <summary>
/// The authority's discovery document and keys, read again every <see cref="AuthenticationSettings.MetadataRefresh"/>
/// and, when a token names a key not held, at once (no sooner than <see cref="AuthenticationSettings.MetadataRefreshOnUnknownKey"/>
/// after the last read). Unlike the framework's manager, which reads again in the background and so refuses
/// the first token signed with a new key, the read here is awaited: the token handler, finding the key
/// unknown, asks for a refresh, receives the new keys and validates again within the same request.
/// </summary>
public sealed class PublishedKeys : BaseConfigurationManager, IConfigurationManager<OpenIdConnectConfiguration>, IDisposable
{
    private readonly IDocumentRetriever _documents;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _reading = new(1, 1);
    private OpenIdConnectConfiguration? _current;
    private DateTimeOffset _readAt;
    private bool _refreshRequested;

    public PublishedKeys(string metadataAddress, HttpClient http, AuthenticationSettings settings, TimeProvider time)
    {
        MetadataAddress = metadataAddress;
        _documents = new HttpDocumentRetriever(http) { RequireHttps = settings.RequireHttpsMetadata };
        _time = time;
        AutomaticRefreshInterval = settings.MetadataRefresh;
        RefreshInterval = settings.MetadataRefreshOnUnknownKey;
    }

    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        if (_current is { } current && !IsDue())
        {
            return current;
        }

        await _reading.WaitAsync(cancel);
        try
        {
            // Another request may have read it while this one waited.
            if (_current is { } fresh && !IsDue())
            {
                return fresh;
            }

            try
            {
                _current = await OpenIdConnectConfigurationRetriever.GetAsync(MetadataAddress, _documents, cancel);
            }
            catch (Exception exception) when (_current is not null && exception is not OperationCanceledException)
            {
                // The authority is unreachable: the keys held stay in use, and it is asked again after the short interval.
                _readAt = _time.GetUtcNow() - AutomaticRefreshInterval + RefreshInterval;
                _refreshRequested = false;
                return _current;
            }

            _readAt = _time.GetUtcNow();
            _refreshRequested = false;
            return _current;
        }
        finally
        {
            _reading.Release();
        }
    }

    public override async Task<BaseConfiguration> GetBaseConfigurationAsync(CancellationToken cancel) => await GetConfigurationAsync(cancel);

    /// <summary>A token named a key not held: read again on the next request for keys, unless read moments ago.</summary>
    public override void RequestRefresh()
    {
        if (_time.GetUtcNow() >= _readAt + RefreshInterval)
        {
            _refreshRequested = true;
        }
    }

    public void Dispose() => _reading.Dispose();

    private bool IsDue() => _refreshRequested || _time.GetUtcNow() >= _readAt + AutomaticRefreshInterval;
}

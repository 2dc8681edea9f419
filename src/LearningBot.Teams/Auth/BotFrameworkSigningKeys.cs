using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace LearningBot.Teams.Auth;

/// <summary>The Bot Connector's signing keys and, per key id, the channels each key is endorsed for (teams-protocol.md §2.1).</summary>
public sealed record SigningMetadata(
    IReadOnlyList<SecurityKey> Keys,
    IReadOnlyDictionary<string, IReadOnlySet<string>> Endorsements,
    DateTimeOffset FetchedAt);

/// <summary>
/// Fetches and caches the OpenID metadata and the JWKS it points to. The JWKS is read here rather than through
/// IdentityModel's <c>ConfigurationManager</c> because the per-key <c>endorsements</c> array is not part of the JWK model
/// (§2.4 step 4), and because <c>ConfigurationManager</c> 8.x refreshes in the background after <c>RequestRefresh</c>,
/// which would make "refresh once and retry" on an unknown key racy. Parsing still uses IdentityModel
/// (<see cref="OpenIdConnectConfiguration"/>, <see cref="JsonWebKeySet"/>); the intervals are IdentityModel's defaults (§2.1):
/// automatic refresh every 12 hours, forced refresh at most every 5 minutes (the first one at once), timed by the
/// injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class BotFrameworkSigningKeys(
    IHttpClientFactory httpClientFactory,
    IOptions<TeamsOptions> options,
    TimeProvider clock,
    ILogger<BotFrameworkSigningKeys> logger) : IDisposable
{
    public const string HttpClientName = "LearningBot.Teams.OpenIdMetadata";

    internal static readonly TimeSpan AutomaticRefreshInterval = TimeSpan.FromHours(12);
    internal static readonly TimeSpan MinimumForcedRefreshInterval = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _fetch = new(1, 1);
    private SigningMetadata? _current;
    private DateTimeOffset? _lastForcedRefresh;

    public async Task<SigningMetadata> GetAsync(CancellationToken cancellationToken)
    {
        var current = _current;
        if (current is not null && clock.GetUtcNow() - current.FetchedAt < AutomaticRefreshInterval)
        {
            return current;
        }
        await _fetch.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            current = _current;
            if (current is not null && clock.GetUtcNow() - current.FetchedAt < AutomaticRefreshInterval)
            {
                return current;
            }
            try
            {
                _current = await FetchAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (current is not null && IsFetchFailure(e))
            {
                // Keep the last known good keys when a scheduled refresh fails; try again on the next request.
                Log.SigningKeysUnavailable(logger, options.Value.OpenIdMetadataUrl, e);
                return current;
            }
            return _current;
        }
        finally
        {
            _fetch.Release();
        }
    }

    /// <summary>Frees the fetch gate when the container (which holds the one instance) is disposed.</summary>
    public void Dispose() => _fetch.Dispose();

    /// <summary>The failures of fetching the metadata or the keys: unreachable, not JSON, not OpenID metadata, no jwks_uri, not https.</summary>
    internal static bool IsFetchFailure(Exception e) =>
        e is HttpRequestException or JsonException or ArgumentException or InvalidOperationException;

    /// <summary>Fetches the keys again now, unless a forced refresh happened in the last 5 minutes; false when skipped.</summary>
    public async Task<bool> TryRefreshAsync(CancellationToken cancellationToken)
    {
        await _fetch.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = clock.GetUtcNow();
            if (_lastForcedRefresh is { } last && now - last < MinimumForcedRefreshInterval)
            {
                return false;
            }
            _lastForcedRefresh = now;
            _current = await FetchAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        finally
        {
            _fetch.Release();
        }
    }

    private async Task<SigningMetadata> FetchAsync(CancellationToken cancellationToken)
    {
        var metadataUrl = RequireSecure(options.Value.OpenIdMetadataUrl);
        var client = httpClientFactory.CreateClient(HttpClientName);
        var metadataJson = await client.GetStringAsync(metadataUrl, cancellationToken).ConfigureAwait(false);
        var metadata = OpenIdConnectConfiguration.Create(metadataJson);
        if (string.IsNullOrEmpty(metadata.JwksUri))
        {
            throw new InvalidOperationException($"The OpenID metadata at {metadataUrl} has no jwks_uri.");
        }
        var jwksJson = await client.GetStringAsync(RequireSecure(metadata.JwksUri), cancellationToken).ConfigureAwait(false);
        var keys = new JsonWebKeySet(jwksJson).GetSigningKeys();
        var endorsements = ReadEndorsements(jwksJson);
        Log.FetchedSigningKeys(logger, metadataUrl.ToString(), keys.Count);
        return new SigningMetadata([.. keys], endorsements, clock.GetUtcNow());
    }

    private static Dictionary<string, IReadOnlySet<string>> ReadEndorsements(string jwksJson)
    {
        var endorsements = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(jwksJson);
        if (!document.RootElement.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
        {
            return endorsements;
        }
        foreach (var key in keys.EnumerateArray())
        {
            if (key.ValueKind == JsonValueKind.Object
                && key.TryGetProperty("kid", out var kid) && kid.ValueKind == JsonValueKind.String
                && key.TryGetProperty("endorsements", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                endorsements[kid.GetString()!] = list.EnumerateArray()
                    .Where(e => e.ValueKind == JsonValueKind.String)
                    .Select(e => e.GetString()!)
                    .ToHashSet(StringComparer.OrdinalIgnoreCase);
            }
        }
        return endorsements;
    }

    /// <summary>Keys must come over https; plain http is allowed only from loopback (test servers).</summary>
    private static Uri RequireSecure(string url)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
        {
            return uri;
        }
        throw new InvalidOperationException($"Refusing to load signing keys from '{url}': https is required (http only for loopback).");
    }
}

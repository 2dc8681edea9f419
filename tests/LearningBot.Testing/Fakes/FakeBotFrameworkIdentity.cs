using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LearningBot.Testing.Fakes;

/// <summary>
/// The Bot Framework's token issuer, played on loopback: serves an OpenID metadata document and a JWKS whose keys carry
/// "endorsements" (teams-protocol.md §2.1), and mints tokens the way the Bot Connector does, with every part controllable.
/// Point LearningBot:Teams:OpenIdMetadataUrl at <see cref="MetadataUrl"/>.
/// </summary>
public sealed class FakeBotFrameworkIdentity : IAsyncDisposable
{
    public const string BotFrameworkIssuer = "https://api.botframework.com";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, FakeSigningKey> _published = new(StringComparer.Ordinal);
    private int _metadataRequests;
    private int _jwksRequests;

    private FakeBotFrameworkIdentity(WebApplication app, Uri baseAddress)
    {
        _app = app;
        MetadataUrl = new Uri(baseAddress, "v1/.well-known/openidconfiguration").ToString();
        JwksUrl = new Uri(baseAddress, "v1/.well-known/keys").ToString();
        DefaultKey = AddKey("fake-key-1", "msteams");
    }

    public string MetadataUrl { get; }
    public string JwksUrl { get; }

    /// <summary>Published and endorsed for "msteams"; used when a token request names no key.</summary>
    public FakeSigningKey DefaultKey { get; }

    public int MetadataRequestCount => Volatile.Read(ref _metadataRequests);
    public int JwksRequestCount => Volatile.Read(ref _jwksRequests);

    public static async Task<FakeBotFrameworkIdentity> StartAsync(CancellationToken cancellationToken = default)
    {
        FakeBotFrameworkIdentity? identity = null;
        var (app, baseAddress) = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/v1/.well-known/openidconfiguration", () =>
            {
                Interlocked.Increment(ref identity!._metadataRequests);
                return Results.Text(identity.MetadataJson(), "application/json");
            });
            app.MapGet("/v1/.well-known/keys", () =>
            {
                Interlocked.Increment(ref identity!._jwksRequests);
                return Results.Text(identity.JwksJson(), "application/json");
            });
        }, cancellationToken).ConfigureAwait(false);
        identity = new FakeBotFrameworkIdentity(app, baseAddress);
        return identity;
    }

    /// <summary>Publishes a new RSA key in the JWKS, endorsed for the given channel ids.</summary>
    public FakeSigningKey AddKey(string keyId, params string[] endorsements)
    {
        var key = FakeSigningKey.Create(keyId, endorsements);
        _published[keyId] = key;
        return key;
    }

    /// <summary>Takes a key out of the JWKS (as after a rotation).</summary>
    public void RemoveKey(string keyId) => _published.TryRemove(keyId, out _);

    /// <summary>A key that is never published: tokens signed with it are forgeries.</summary>
    public static FakeSigningKey CreateUnpublishedKey(string keyId = "forged-key") => FakeSigningKey.Create(keyId, ["msteams"]);

    /// <summary>Mints a token. Algorithms: RS256/RS384/RS512 (signed with the key), HS256 (HMAC keyed with the public modulus — a key-confusion forgery), none (unsigned).</summary>
    public string CreateToken(FakeTokenRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = request.Key ?? DefaultKey;
        var keyId = request.KeyIdOverride ?? key.KeyId;
        var claims = new Dictionary<string, object>(StringComparer.Ordinal);
        if (request.ServiceUrl is not null)
        {
            claims["serviceurl"] = request.ServiceUrl;
        }
        foreach (var (name, value) in request.ExtraClaims ?? new Dictionary<string, object>())
        {
            claims[name] = value;
        }

        if (request.Algorithm == "none")
        {
            var header = new JsonObject { ["alg"] = "none", ["typ"] = "JWT", ["kid"] = keyId };
            var payload = new JsonObject
            {
                ["iss"] = request.Issuer,
                ["aud"] = request.Audience,
                ["nbf"] = request.NotBefore.ToUnixTimeSeconds(),
                ["exp"] = request.Expires.ToUnixTimeSeconds(),
            };
            foreach (var (name, value) in claims)
            {
                payload[name] = JsonValue.Create(value.ToString());
            }
            return $"{Base64UrlEncoder.Encode(header.ToJsonString())}.{Base64UrlEncoder.Encode(payload.ToJsonString())}.";
        }

        SigningCredentials credentials = request.Algorithm.StartsWith("HS", StringComparison.Ordinal)
            ? new SigningCredentials(new SymmetricSecurityKey(key.Rsa.ExportParameters(false).Modulus!) { KeyId = keyId }, request.Algorithm)
            : new SigningCredentials(new RsaSecurityKey(key.Rsa) { KeyId = keyId }, request.Algorithm);
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = request.Issuer,
            Audience = request.Audience,
            NotBefore = request.NotBefore.UtcDateTime,
            Expires = request.Expires.UtcDateTime,
            IssuedAt = request.NotBefore.UtcDateTime,
            Claims = claims,
            SigningCredentials = credentials,
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync().ConfigureAwait(false);
        foreach (var key in _published.Values)
        {
            key.Rsa.Dispose();
        }
    }

    private string MetadataJson() => new JsonObject
    {
        ["issuer"] = BotFrameworkIssuer,
        ["authorization_endpoint"] = "https://invalid.botframework.com/v1/auth",
        ["jwks_uri"] = JwksUrl,
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
    }.ToJsonString();

    private string JwksJson()
    {
        var keys = new JsonArray();
        foreach (var key in _published.Values)
        {
            var parameters = key.Rsa.ExportParameters(false);
            keys.Add(new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["kid"] = key.KeyId,
                ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                ["endorsements"] = new JsonArray([.. key.Endorsements.Select(e => (JsonNode)JsonValue.Create(e))]),
            });
        }
        return new JsonObject { ["keys"] = keys }.ToJsonString();
    }
}

/// <summary>An RSA signing key with the channel ids it is endorsed for.</summary>
public sealed class FakeSigningKey
{
    private FakeSigningKey(string keyId, RSA rsa, IReadOnlyList<string> endorsements)
    {
        KeyId = keyId;
        Rsa = rsa;
        Endorsements = endorsements;
    }

    public string KeyId { get; }
    public RSA Rsa { get; }
    public IReadOnlyList<string> Endorsements { get; }

    internal static FakeSigningKey Create(string keyId, string[] endorsements) => new(keyId, RSA.Create(2048), endorsements);

    public override string ToString() => KeyId + " [" + string.Join(",", Endorsements) + "]";
}

/// <summary>What to put in a minted token; defaults describe a valid Bot Connector token for <see cref="Audience"/>.</summary>
public sealed record FakeTokenRequest
{
    /// <summary>The bot's app id (the token's aud).</summary>
    public required string Audience { get; init; }
    /// <summary>The serviceurl claim; must equal the activity's serviceUrl.</summary>
    public string? ServiceUrl { get; init; }
    public string Issuer { get; init; } = FakeBotFrameworkIdentity.BotFrameworkIssuer;
    public required DateTimeOffset NotBefore { get; init; }
    public required DateTimeOffset Expires { get; init; }
    /// <summary>Signing key; null = the identity's default key.</summary>
    public FakeSigningKey? Key { get; init; }
    /// <summary>A kid header different from the signing key's id.</summary>
    public string? KeyIdOverride { get; init; }
    /// <summary>RS256, RS384, RS512, HS256 or none.</summary>
    public string Algorithm { get; init; } = "RS256";
    public IReadOnlyDictionary<string, object>? ExtraClaims { get; init; }

    /// <summary>A request valid for an hour around <paramref name="now"/>.</summary>
    public static FakeTokenRequest ValidFor(string audience, string serviceUrl, DateTimeOffset now) => new()
    {
        Audience = audience,
        ServiceUrl = serviceUrl,
        NotBefore = now.AddMinutes(-1),
        Expires = now.AddHours(1),
    };
}


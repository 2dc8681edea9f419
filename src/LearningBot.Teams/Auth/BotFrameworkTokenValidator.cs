using System.Security.Claims;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LearningBot.Teams.Auth;

/// <summary>A caller whose token passed every check that does not need the activity body.</summary>
public sealed record BotFrameworkCaller(string KeyId, string? ServiceUrl, IReadOnlySet<string> Endorsements, ClaimsIdentity Identity);

/// <summary>Why a request was refused; logged, never sent back (a 401 has no body, teams-protocol.md §2.4 step 7).</summary>
public sealed record AuthenticationOutcome(BotFrameworkCaller? Caller, string? Failure)
{
    public bool Succeeded => Caller is not null;
    public static AuthenticationOutcome Fail(string reason) => new(null, reason);
}

/// <summary>
/// Validates the Bot Connector's JWT on inbound activities exactly as teams-protocol.md §2.2/§2.4 describe:
/// Bearer header → RS256/384/512 only → issuer https://api.botframework.com before any key work → signature with the
/// cached keys (one forced refresh on an unknown key) → audience = app id (or api://{appId}) → lifetime with 5 minutes
/// skew on the injected clock. The body-dependent checks (endorsement of the activity's channelId, the serviceurl
/// claim) are in <see cref="Authorizes"/>.
/// </summary>
public sealed class BotFrameworkTokenValidator(
    BotFrameworkSigningKeys signingKeys,
    IOptions<TeamsOptions> options,
    TimeProvider clock,
    ILogger<BotFrameworkTokenValidator> logger)
{
    public const string BotFrameworkIssuer = "https://api.botframework.com";
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private static readonly string[] AllowedAlgorithms =
        [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public async Task<AuthenticationOutcome> AuthenticateAsync(string? authorizationHeader, CancellationToken cancellationToken)
    {
        // §2.2 step 2: exactly two space-separated parts, scheme Bearer.
        if (string.IsNullOrWhiteSpace(authorizationHeader))
        {
            return AuthenticationOutcome.Fail("no Authorization header");
        }
        var parts = authorizationHeader.Split(' ');
        if (parts.Length != 2 || !string.Equals(parts[0], "Bearer", StringComparison.OrdinalIgnoreCase) || parts[1].Length == 0)
        {
            return AuthenticationOutcome.Fail("Authorization header is not 'Bearer <token>'");
        }
        var raw = parts[1];

        JsonWebToken unvalidated;
        try
        {
            unvalidated = new JsonWebToken(raw);
        }
        catch (ArgumentException)
        {
            return AuthenticationOutcome.Fail("the bearer token is not a JWT");
        }
        // §2.1 / §2.2 step 6: only RSA signatures; rejects "none" and HMAC (key-confusion) before anything else.
        if (!AllowedAlgorithms.Contains(unvalidated.Alg, StringComparer.Ordinal))
        {
            return AuthenticationOutcome.Fail($"signing algorithm '{unvalidated.Alg}' is not allowed");
        }
        // §2.2 step 4: the issuer is checked before any signature work.
        if (!string.Equals(unvalidated.Issuer, BotFrameworkIssuer, StringComparison.Ordinal))
        {
            return AuthenticationOutcome.Fail("the token was not issued by the Bot Framework");
        }
        if (string.IsNullOrEmpty(unvalidated.Kid))
        {
            return AuthenticationOutcome.Fail("the token names no signing key");
        }

        if (await OrUnavailableAsync(() => signingKeys.GetAsync(cancellationToken)).ConfigureAwait(false) is not { } metadata)
        {
            return AuthenticationOutcome.Fail("the signing keys could not be loaded");
        }

        var result = await _handler.ValidateTokenAsync(raw, Parameters(metadata)).ConfigureAwait(false);
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // §2.4 step 3: keys rotate; refresh once (at most every 5 minutes) and retry.
            Log.RefreshingSigningKeys(logger, unvalidated.Kid);
            if (await OrUnavailableAsync(() => signingKeys.TryRefreshAsync(cancellationToken)).ConfigureAwait(false))
            {
                metadata = await signingKeys.GetAsync(cancellationToken).ConfigureAwait(false);
                result = await _handler.ValidateTokenAsync(raw, Parameters(metadata)).ConfigureAwait(false);
            }
        }
        if (!result.IsValid)
        {
            return AuthenticationOutcome.Fail($"token validation failed: {result.Exception?.GetType().Name}");
        }

        // §2.2 step 5: a key with no endorsements entry does not vouch for any channel.
        var endorsements = metadata.Endorsements.TryGetValue(unvalidated.Kid, out var set)
            ? set
            : new HashSet<string>();
        var serviceUrl = result.ClaimsIdentity.FindFirst("serviceurl")?.Value;
        return new AuthenticationOutcome(new BotFrameworkCaller(unvalidated.Kid, serviceUrl, endorsements, result.ClaimsIdentity), null);
    }

    /// <summary>
    /// The checks that need the activity: its channelId must be endorsed by the signing key (§2.2 step 5) and the
    /// token's serviceurl claim must equal activity.serviceUrl, case-insensitively (§2.2 step 8).
    /// </summary>
    public static string? Authorizes(BotFrameworkCaller caller, string? channelId, string? serviceUrl)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (string.IsNullOrEmpty(channelId) || !caller.Endorsements.Contains(channelId))
        {
            return $"signing key {caller.KeyId} is not endorsed for channel '{channelId}'";
        }
        if (string.IsNullOrEmpty(caller.ServiceUrl) || !string.Equals(caller.ServiceUrl, serviceUrl, StringComparison.OrdinalIgnoreCase))
        {
            return "the token's serviceurl claim does not match the activity's serviceUrl";
        }
        return null;
    }

    /// <summary>Fetches or refreshes the signing keys; when they cannot be loaded that is logged and read as default (no keys, not refreshed).</summary>
    private async Task<T?> OrUnavailableAsync<T>(Func<Task<T>> fetch)
    {
        try
        {
            return await fetch().ConfigureAwait(false);
        }
        catch (Exception e) when (BotFrameworkSigningKeys.IsFetchFailure(e))
        {
            Log.SigningKeysUnavailable(logger, options.Value.OpenIdMetadataUrl, e);
            return default;
        }
    }

    private TokenValidationParameters Parameters(SigningMetadata metadata)
    {
        var appId = options.Value.AppId.Trim();
        return new TokenValidationParameters
        {
            ValidIssuer = BotFrameworkIssuer,
            ValidateIssuer = true,
            ValidAudiences = [appId, $"api://{appId}"],
            ValidateAudience = true,
            ValidAlgorithms = AllowedAlgorithms,
            IssuerSigningKeys = metadata.Keys,
            // The key must be the one the header names; endorsements are per key id.
            TryAllIssuerSigningKeys = false,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = ClockSkew,
            // "Now" comes from the injected clock, so tests move time instead of waiting.
            LifetimeValidator = ValidateLifetime,
        };
    }

    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (expires is null)
        {
            return false;
        }
        if (notBefore is { } nbf && nbf > now + ClockSkew)
        {
            return false;
        }
        return expires.Value >= now - ClockSkew;
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace LearningBot.Slack;

/// <summary>
/// Checks Slack's request signature (slack-protocol.md §1): v0 HMAC-SHA256 over "v0:{timestamp}:{raw body}" keyed
/// with the signing secret, timestamp within 5 minutes either way (replay), constant-time comparison.
/// </summary>
public sealed class SlackSignatureVerifier(IOptions<SlackOptions> options, TimeProvider clock)
{
    /// <summary>§1 "Freshness": python-slack-sdk's |now − ts| ≤ 300 s, stricter than bolt-js (which allows the future).</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Null when the request is authentic; otherwise why not (for the log, never with the secret).</summary>
    public string? Verify(string? timestampHeader, string? signatureHeader, ReadOnlySpan<byte> body)
    {
        var secret = options.Value.SigningSecret;
        if (string.IsNullOrEmpty(secret))
        {
            return "no signing secret is configured";
        }
        if (string.IsNullOrEmpty(timestampHeader) || string.IsNullOrEmpty(signatureHeader))
        {
            return "X-Slack-Request-Timestamp or X-Slack-Signature is missing";
        }
        if (!long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return "X-Slack-Request-Timestamp is not a number";
        }
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - seconds) > MaxClockSkew.TotalSeconds)
        {
            return "the request timestamp is more than 5 minutes from now (stale or replayed)";
        }
        // §1 "Version check": only v0 exists; anything else is refused.
        if (!signatureHeader.StartsWith("v0=", StringComparison.Ordinal))
        {
            return "the signature is not version v0";
        }
        byte[] given;
        try
        {
            given = Convert.FromHexString(signatureHeader.AsSpan(3));
        }
        catch (FormatException)
        {
            return "the signature is not hex";
        }
        var expected = Compute(secret, timestampHeader, body);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? null : "the signature does not match";
    }

    /// <summary>HMAC-SHA256 of the v0 base string (also used by tests to sign requests).</summary>
    public static byte[] Compute(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"v0:{timestamp}:");
        var baseString = new byte[prefix.Length + body.Length];
        prefix.CopyTo(baseString, 0);
        body.CopyTo(baseString.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), baseString);
    }

    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body) =>
        "v0=" + Convert.ToHexStringLower(Compute(secret, timestamp, body));
}

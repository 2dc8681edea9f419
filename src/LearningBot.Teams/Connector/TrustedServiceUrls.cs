using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace LearningBot.Teams.Connector;

/// <summary>
/// Decides which service URLs may receive the bot's bearer token (teams-protocol.md §2.4 step 7, §3.1 "send the token
/// only to the Connector service URL"): one that arrived on an authenticated activity, an https URL on an allowed
/// host or its subdomains, or — in development mode only — a loopback URL (the Agents Playground, §6).
/// </summary>
public sealed class TrustedServiceUrls(IOptions<TeamsOptions> options)
{
    private readonly ConcurrentDictionary<string, byte> _authenticated = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Remembers a serviceUrl whose activity carried a valid token with a matching serviceurl claim.</summary>
    public void RememberAuthenticated(string serviceUrl)
    {
        if (Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri))
        {
            _authenticated.TryAdd(Origin(uri), 0);
        }
    }

    public bool IsTrusted(Uri serviceUrl)
    {
        ArgumentNullException.ThrowIfNull(serviceUrl);
        if (_authenticated.ContainsKey(Origin(serviceUrl)))
        {
            return true;
        }
        if (options.Value.IsDevelopmentMode && IsLoopback(serviceUrl))
        {
            return true;
        }
        return serviceUrl.Scheme == Uri.UriSchemeHttps && options.Value.AllowedServiceUrlHosts.Any(allowed =>
            serviceUrl.Host.Equals(allowed, StringComparison.OrdinalIgnoreCase)
            || serviceUrl.Host.EndsWith("." + allowed.TrimStart('.'), StringComparison.OrdinalIgnoreCase));
    }

    internal static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    private static string Origin(Uri uri) => uri.GetLeftPart(UriPartial.Authority);
}

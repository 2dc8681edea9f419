using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace LearningBot.Teams.Auth;

/// <summary>
/// Gets the bot's outbound bearer token with MSAL client credentials for scope https://api.botframework.com/.default
/// (teams-protocol.md §3.1). MSAL caches the token and renews it before expiry. In development mode there is no token.
/// </summary>
public sealed class BotFrameworkTokenProvider
{
    /// <summary>The named <see cref="HttpClient"/> MSAL uses; tests point its handler at a fake token endpoint.</summary>
    public const string HttpClientName = "LearningBot.Teams.Msal";
    public const string Scope = "https://api.botframework.com/.default";

    private readonly TeamsOptions _options;
    private readonly Lazy<IConfidentialClientApplication>? _app;

    public BotFrameworkTokenProvider(IOptions<TeamsOptions> options, IHttpClientFactory httpClientFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        if (!_options.IsDevelopmentMode)
        {
            _app = new Lazy<IConfidentialClientApplication>(() => ConfidentialClientApplicationBuilder
                .Create(_options.AppId.Trim())
                .WithClientSecret(_options.AppPassword)
                .WithAuthority(new Uri(_options.Authority))
                .WithHttpClientFactory(new MsalHttpClientFactory(httpClientFactory))
                .Build());
        }
    }

    /// <summary>The bearer token, or null in development mode.</summary>
    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_app is null)
        {
            return null;
        }
        var result = await _app.Value.AcquireTokenForClient([Scope]).ExecuteAsync(cancellationToken).ConfigureAwait(false);
        return result.AccessToken;
    }

    private sealed class MsalHttpClientFactory(IHttpClientFactory factory) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => factory.CreateClient(HttpClientName);
    }
}

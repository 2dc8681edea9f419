using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LearningBot.Testing.Fakes;

/// <summary>
/// Entra ID's client-credentials token endpoint on loopback, enough for MSAL's AcquireTokenForClient (instance
/// discovery, OpenID configuration, token). MSAL only accepts https authorities, so the bot keeps its real authority
/// and the handler from <see cref="CreateRedirectingHandler"/> — installed as the primary handler of MSAL's named
/// HttpClient — sends those requests here instead.
/// </summary>
public sealed class FakeEntraTokenEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Uri _baseAddress;
    private readonly ConcurrentQueue<IReadOnlyDictionary<string, string>> _tokenRequests = new();

    private FakeEntraTokenEndpoint(WebApplication app, Uri baseAddress)
    {
        _app = app;
        _baseAddress = baseAddress;
    }

    /// <summary>The access token every token request gets.</summary>
    public string AccessToken { get; } = "fake-entra-token-" + Guid.NewGuid().ToString("N");

    /// <summary>The form fields of every token request (grant_type, client_id, scope, …) — never logged by the fake.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> TokenRequests => [.. _tokenRequests];

    /// <summary>The request paths seen, e.g. "/tenant-1/oauth2/v2.0/token".</summary>
    public IReadOnlyList<string> Paths => [.. _paths];

    private readonly ConcurrentQueue<string> _paths = new();

    public static async Task<FakeEntraTokenEndpoint> StartAsync(CancellationToken cancellationToken = default)
    {
        FakeEntraTokenEndpoint? entra = null;
        var (app, baseAddress) = await LoopbackServer.StartAsync(
            app => app.Map("/{**path}", (HttpContext context) => entra!.HandleAsync(context)),
            cancellationToken).ConfigureAwait(false);
        entra = new FakeEntraTokenEndpoint(app, baseAddress);
        return entra;
    }

    /// <summary>A handler that sends every request (whatever its host) to this fake over plain HTTP.</summary>
    public HttpMessageHandler CreateRedirectingHandler() => new RedirectingHandler(_baseAddress);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        _paths.Enqueue(path);
        var host = "https://login.microsoftonline.com";
        if (path.Contains("discovery/instance", StringComparison.OrdinalIgnoreCase))
        {
            var tenant = "common";
            await context.Response.WriteAsJsonAsync(new JsonObject
            {
                ["tenant_discovery_endpoint"] = $"{host}/{tenant}/v2.0/.well-known/openid-configuration",
                ["api-version"] = "1.1",
                ["metadata"] = new JsonArray(new JsonObject
                {
                    ["preferred_network"] = "login.microsoftonline.com",
                    ["preferred_cache"] = "login.windows.net",
                    ["aliases"] = new JsonArray("login.microsoftonline.com", "login.windows.net", "login.microsoft.com", "sts.windows.net"),
                }),
            }).ConfigureAwait(false);
            return;
        }
        var segments = path.Trim('/').Split('/');
        var tenantId = segments.Length > 0 ? segments[0] : "common";
        if (path.EndsWith("openid-configuration", StringComparison.OrdinalIgnoreCase))
        {
            await context.Response.WriteAsJsonAsync(new JsonObject
            {
                ["issuer"] = $"{host}/{tenantId}/v2.0",
                ["token_endpoint"] = $"{host}/{tenantId}/oauth2/v2.0/token",
                ["authorization_endpoint"] = $"{host}/{tenantId}/oauth2/v2.0/authorize",
                ["jwks_uri"] = $"{host}/{tenantId}/discovery/v2.0/keys",
            }).ConfigureAwait(false);
            return;
        }
        if (path.EndsWith("/token", StringComparison.OrdinalIgnoreCase) && context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
            _tokenRequests.Enqueue(form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal));
            await context.Response.WriteAsJsonAsync(new JsonObject
            {
                ["token_type"] = "Bearer",
                ["expires_in"] = 3600,
                ["ext_expires_in"] = 3600,
                ["access_token"] = AccessToken,
            }).ConfigureAwait(false);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status404NotFound;
    }

    private sealed class RedirectingHandler(Uri target) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var original = request.RequestUri!;
            request.RequestUri = new UriBuilder(original) { Scheme = target.Scheme, Host = target.Host, Port = target.Port }.Uri;
            return base.SendAsync(request, cancellationToken);
        }
    }
}

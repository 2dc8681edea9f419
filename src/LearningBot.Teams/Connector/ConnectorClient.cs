using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using LearningBot.Teams.Auth;
using LearningBot.Teams.Schema;
using Microsoft.Extensions.Logging;

namespace LearningBot.Teams.Connector;

/// <summary>
/// The v3 Connector REST calls LearningBot makes (teams-protocol.md §3.2). Retries for 429/412/502/503/504 live in the
/// HttpClient's resilience handler (<see cref="TeamsRegistration"/>); this class builds URLs, attaches the token only
/// for trusted service URLs and turns failures into <see cref="ConnectorException"/>.
/// </summary>
public sealed class ConnectorClient(
    HttpClient http,
    BotFrameworkTokenProvider tokens,
    TrustedServiceUrls trusted,
    TimeProvider clock,
    ILogger<ConnectorClient> logger)
{
    /// <summary><c>POST v3/conversations/{id}/activities</c>: a new message in the conversation (in a channel thread when the id carries ;messageid=).</summary>
    public Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities", Json(activity, TeamsJsonContext.Default.Activity),
            TeamsJsonContext.Default.ResourceResponse, "SendToConversation", cancellationToken);

    /// <summary><c>POST v3/conversations/{id}/activities/{activityId}</c>: a reply to a given activity.</summary>
    public Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", Json(activity, TeamsJsonContext.Default.Activity),
            TeamsJsonContext.Default.ResourceResponse, "ReplyToActivity", cancellationToken);

    /// <summary><c>PUT v3/conversations/{id}/activities/{activityId}</c>: replaces a message, e.g. a card updated in place (§4.3).</summary>
    public Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", Json(activity, TeamsJsonContext.Default.Activity),
            TeamsJsonContext.Default.ResourceResponse, "UpdateActivity", cancellationToken);

    /// <summary><c>POST v3/conversations</c>: opens (or finds) a 1:1 chat for proactive messages (§3.3).</summary>
    public Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, serviceUrl, "v3/conversations", Json(parameters, TeamsJsonContext.Default.ConversationParameters),
            TeamsJsonContext.Default.ConversationResourceResponse, "CreateConversation", cancellationToken);

    /// <summary>
    /// <c>GET v3/conversations/{id}/members/{memberId}</c>: one member of a conversation, found by Teams id (29:…),
    /// UPN or Entra object id, with name, Entra object id and email (teams-protocol.md §3.2).
    /// </summary>
    public Task<TeamsChannelAccount> GetMemberAsync(string serviceUrl, string conversationId, string memberId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, serviceUrl, $"v3/conversations/{Escape(conversationId)}/members/{Escape(memberId)}", null,
            TeamsJsonContext.Default.TeamsChannelAccount, "GetMember", cancellationToken);

    private static JsonContent Json<T>(T body, JsonTypeInfo<T> type) => JsonContent.Create(body, type);

    /// <summary>Joins the service URL and a v3 path with exactly one '/' between them (§3.2).</summary>
    internal static Uri BuildUri(string serviceUrl, string relativePath)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var baseUri) || (baseUri.Scheme != Uri.UriSchemeHttps && baseUri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"Service URL '{serviceUrl}' is not an absolute http(s) URL.", nameof(serviceUrl));
        }
        return new Uri(serviceUrl.TrimEnd('/') + "/" + relativePath.TrimStart('/'));
    }

    private static string Escape(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return Uri.EscapeDataString(id);
    }

    private async Task<TResponse> SendAsync<TResponse>(
        HttpMethod method,
        string serviceUrl,
        string path,
        HttpContent? content,
        JsonTypeInfo<TResponse> responseType,
        string operation,
        CancellationToken cancellationToken)
        where TResponse : new()
    {
        var uri = BuildUri(serviceUrl, path);
        if (!trusted.IsTrusted(uri))
        {
            // Never hand the token to a host we cannot vouch for, and never fall back to an unauthenticated call.
            Log.UntrustedServiceUrl(logger, uri.Host);
            throw new UntrustedServiceUrlException(uri);
        }
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        var token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        Log.ConnectorCall(logger, method.Method, operation, uri.Host, (int)response.StatusCode);
        if (response.IsSuccessStatusCode)
        {
            if (response.Content.Headers.ContentLength == 0)
            {
                return new TResponse();
            }
            try
            {
                return await response.Content.ReadFromJsonAsync(responseType, cancellationToken).ConfigureAwait(false) ?? new TResponse();
            }
            catch (JsonException)
            {
                return new TResponse();
            }
        }

        string? code = null;
        string? message = null;
        try
        {
            var error = await response.Content.ReadFromJsonAsync(TeamsJsonContext.Default.ErrorResponse, cancellationToken).ConfigureAwait(false);
            code = error?.Error?.Code;
            message = error?.Error?.Message;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            // Not an ErrorResponse body; the status code says enough.
        }
        Log.ConnectorFailed(logger, operation, (int)response.StatusCode, code);
        throw new ConnectorException(
            $"Connector {operation} answered {(int)response.StatusCode} {response.StatusCode}{(code is null ? "" : $" ({code}: {message})")}.",
            response.StatusCode,
            code)
        { RetryAfter = RetryAfter(response, clock.GetUtcNow()) };
    }

    /// <summary>The longest Retry-After honoured while a request waits; longer asks are failed back to the caller.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);

    /// <summary>The wait a response asks for with Retry-After (seconds or an HTTP date), or null when it asks none.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }
        if (header?.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }

    /// <summary>Statuses worth retrying (teams-protocol.md §3.4); 403/404 are final.</summary>
    internal static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed
            or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
}

using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace LearningBot.Slack.Api;

/// <summary>
/// The Slack Web API over HttpClient (base address = LearningBot:Slack:ApiBaseUrl). Every call checks the
/// <c>ok</c>/<c>error</c> envelope and waits out a 429 for as long as Retry-After asks (slack-protocol.md §5),
/// through <see cref="TimeProvider"/> so tests control the clock. Tokens travel only in the Authorization header.
/// </summary>
public sealed class SlackApiClient(HttpClient http, TimeProvider clock, ILogger<SlackApiClient> logger)
{
    /// <summary>How often one call waits out a 429 before the caller gets <c>ratelimited</c>.</summary>
    public const int MaxRateLimitRetries = 3;

    /// <summary>A longer wait is not done inside a call; the caller (or the outbox) retries later.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(30);

    public async Task<string> PostMessageAsync(string token, string channel, JsonObject message, string? threadTs, CancellationToken cancellationToken)
    {
        var args = Copy(message);
        args["channel"] = channel;
        if (threadTs is not null)
        {
            args["thread_ts"] = threadTs;
        }
        var result = await CallJsonAsync("chat.postMessage", token, args, cancellationToken).ConfigureAwait(false);
        return result.GetString("ts") ?? "";
    }

    public async Task PostEphemeralAsync(string token, string channel, string user, JsonObject message, CancellationToken cancellationToken, string? threadTs = null)
    {
        var args = Copy(message);
        args["channel"] = channel;
        args["user"] = user;
        if (threadTs is not null)
        {
            args["thread_ts"] = threadTs;
        }
        await CallJsonAsync("chat.postEphemeral", token, args, cancellationToken).ConfigureAwait(false);
    }

    public async Task UpdateMessageAsync(string token, string channel, string ts, JsonObject message, CancellationToken cancellationToken)
    {
        var args = Copy(message);
        args["channel"] = channel;
        args["ts"] = ts;
        await CallJsonAsync("chat.update", token, args, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens (or finds) the DM with a user; returns its D… channel id.</summary>
    public async Task<string> OpenConversationAsync(string token, string userId, CancellationToken cancellationToken)
    {
        var result = await CallJsonAsync("conversations.open", token, new JsonObject { ["users"] = userId }, cancellationToken).ConfigureAwait(false);
        return result.TryGetProperty("channel", out var channel) ? channel.GetString("id") ?? "" : "";
    }

    public async Task<SlackUser> UserInfoAsync(string token, string userId, CancellationToken cancellationToken)
    {
        var result = await CallFormAsync("users.info", Bearer(token), [new("user", userId), new("include_locale", "true")], cancellationToken).ConfigureAwait(false);
        var user = result.GetProperty("user");
        var name = user.TryGetProperty("profile", out var profile) ? profile.GetString("display_name") : null;
        name = string.IsNullOrWhiteSpace(name) ? user.GetString("real_name") ?? user.GetString("name") ?? "" : name;
        return new SlackUser(userId, name, user.GetString("tz"), user.GetString("locale"), user.TryGetProperty("is_bot", out var bot) && bot.ValueKind == JsonValueKind.True)
        {
            Email = profile.ValueKind == JsonValueKind.Object ? profile.GetString("email") : null,
        };
    }

    public Task OpenViewAsync(string token, string triggerId, JsonObject view, CancellationToken cancellationToken) =>
        CallJsonAsync("views.open", token, new JsonObject { ["trigger_id"] = triggerId, ["view"] = view }, cancellationToken);

    public Task PublishViewAsync(string token, string userId, JsonObject view, CancellationToken cancellationToken) =>
        CallJsonAsync("views.publish", token, new JsonObject { ["user_id"] = userId, ["view"] = view }, cancellationToken);

    /// <summary>A permanent https link to a message (chat.getPermalink), or null when Slack gives none.</summary>
    public async Task<Uri?> GetPermalinkAsync(string token, string channel, string messageTs, CancellationToken cancellationToken)
    {
        var result = await CallFormAsync("chat.getPermalink", Bearer(token), [new("channel", channel), new("message_ts", messageTs)], cancellationToken).ConfigureAwait(false);
        return Uri.TryCreate(result.GetString("permalink"), UriKind.Absolute, out var link) && link.Scheme == Uri.UriSchemeHttps ? link : null;
    }

    /// <summary>conversations.info: whether the bot is a member of the channel, and whether it is private (slack-protocol.md §5).</summary>
    public async Task<SlackChannelInfo> ConversationInfoAsync(string token, string channel, CancellationToken cancellationToken)
    {
        var result = await CallFormAsync("conversations.info", Bearer(token), [new("channel", channel)], cancellationToken).ConfigureAwait(false);
        var info = result.GetProperty("channel");
        static bool Flag(JsonElement o, string name) => o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;
        return new SlackChannelInfo(channel, Flag(info, "is_member"), Flag(info, "is_private") || Flag(info, "is_group"), Flag(info, "is_im") || Flag(info, "is_mpim"), Flag(info, "is_archived"));
    }

    /// <summary>conversations.join (channels:join): the bot joins a public channel.</summary>
    public Task JoinConversationAsync(string token, string channel, CancellationToken cancellationToken) =>
        CallFormAsync("conversations.join", Bearer(token), [new("channel", channel)], cancellationToken);

    public async Task<SlackAuthTest> AuthTestAsync(string token, CancellationToken cancellationToken)
    {
        var result = await CallFormAsync("auth.test", Bearer(token), [], cancellationToken).ConfigureAwait(false);
        return new SlackAuthTest(result.GetString("user_id") ?? "", result.GetString("bot_id"), result.GetString("team_id"), result.GetString("enterprise_id"));
    }

    /// <summary>Exchanges an OAuth code; client credentials go in HTTP Basic auth as Slack prefers (§8 step 2).</summary>
    public Task<JsonElement> OAuthV2AccessAsync(string clientId, string clientSecret, string code, string? redirectUri, CancellationToken cancellationToken)
    {
        var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{clientSecret}")));
        var form = new List<KeyValuePair<string, string>> { new("code", code) };
        if (!string.IsNullOrWhiteSpace(redirectUri))
        {
            form.Add(new("redirect_uri", redirectUri));
        }
        return CallFormAsync("oauth.v2.access", basic, form, cancellationToken);
    }

    /// <summary>A one-shot WebSocket URL for Socket Mode; the app token goes in the header, never as a parameter (§7).</summary>
    public async Task<Uri> OpenSocketConnectionAsync(string appToken, CancellationToken cancellationToken)
    {
        var result = await CallFormAsync("apps.connections.open", Bearer(appToken), [], cancellationToken).ConfigureAwait(false);
        return new Uri(result.GetString("url") ?? throw new SlackApiException("apps.connections.open", "no_url"));
    }

    /// <summary>Answers an interaction or slash command later through its response_url (valid 30 min, 5 uses — §3/§4).</summary>
    public async Task PostToResponseUrlAsync(Uri responseUrl, JsonObject body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(responseUrl);
        using var response = await SendWithRetriesAsync("response_url",
            () => new HttpRequestMessage(HttpMethod.Post, responseUrl) { Content = JsonContent(body) }, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw Failed("response_url", $"http_{(int)response.StatusCode}", null);
        }
    }

    public Task<JsonElement> CallJsonAsync(string method, string token, JsonObject arguments, CancellationToken cancellationToken) =>
        CallAsync(method, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, method) { Content = JsonContent(arguments) };
            request.Headers.Authorization = Bearer(token);
            return request;
        }, cancellationToken);

    public Task<JsonElement> CallFormAsync(string method, AuthenticationHeaderValue? authorization, IEnumerable<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        var fields = form.ToList();
        return CallAsync(method, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, method) { Content = new FormUrlEncodedContent(fields) };
            request.Headers.Authorization = authorization;
            return request;
        }, cancellationToken);
    }

    private async Task<JsonElement> CallAsync(string method, Func<HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        using var response = await SendWithRetriesAsync(method, build, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw Failed(method, response.IsSuccessStatusCode ? "invalid_response" : $"http_{(int)response.StatusCode}", null);
        }
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("ok", out var ok))
        {
            throw Failed(method, $"http_{(int)response.StatusCode}", null);
        }
        if (ok.ValueKind != JsonValueKind.True)
        {
            var details = root.TryGetProperty("response_metadata", out var metadata) && metadata.TryGetProperty("messages", out var messages)
                && messages.ValueKind == JsonValueKind.Array
                ? messages.EnumerateArray().Select(m => m.ToString()).ToList()
                : null;
            throw Failed(method, root.GetString("error") ?? "unknown_error", details);
        }
        Log.ApiCall(logger, method, (int)response.StatusCode);
        return root;
    }

    private async Task<HttpResponseMessage> SendWithRetriesAsync(string method, Func<HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = build();
            var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.TooManyRequests)
            {
                return response;
            }
            // §5: 429 + Retry-After (seconds) per method tier; wait it out a few times, then hand it to the caller.
            var retryAfter = RetryAfter(response);
            response.Dispose();
            if (attempt >= MaxRateLimitRetries || retryAfter > MaxRetryAfter)
            {
                throw Failed(method, "ratelimited", null, retryAfter);
            }
            Log.RateLimited(logger, method, retryAfter.TotalSeconds);
            if (retryAfter > TimeSpan.Zero)
            {
                await Task.Delay(retryAfter, clock, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    internal static TimeSpan RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter?.Delta
        ?? (response.Headers.TryGetValues("Retry-After", out var values)
            && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                ? TimeSpan.FromSeconds(seconds)
                : TimeSpan.FromSeconds(1));

    private SlackApiException Failed(string method, string error, IReadOnlyList<string>? details, TimeSpan? retryAfter = null)
    {
        Log.ApiFailed(logger, method, error, details is null ? "" : string.Join("; ", details));
        return new SlackApiException(method, error, details, retryAfter);
    }

    private static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);

    private static StringContent JsonContent(JsonObject body) =>
        new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static JsonObject Copy(JsonObject message) => (JsonObject)message.DeepClone();
}

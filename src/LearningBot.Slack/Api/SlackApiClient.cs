using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LearningBot.Slack.Api;

/// <summary>
/// The Slack Web API over HttpClient (base address = LearningBot:Slack:ApiBaseUrl). Every call checks the
/// <c>ok</c>/<c>error</c> envelope, waits out a 429 for as long as Retry-After asks (slack-protocol.md §5), and retries a
/// connection failure, a timeout (<see cref="SlackOptions.ApiTimeout"/>) or a 5xx (and Slack's <c>internal_error</c>,
/// <c>fatal_error</c>, <c>service_unavailable</c>, <c>request_timeout</c>) with exponential backoff and jitter, at most
/// <see cref="MaxTransientRetries"/> times within <see cref="SlackOptions.ApiRetryBudget"/> — the policy of the Teams
/// Connector client. This loop is the only retry of Slack calls. A call is repeated only where repeating it is harmless:
/// reads, chat.update, views.publish, ephemeral posts (a duplicate is seen once by one person, then gone); views.open and
/// oauth.v2.access (single-use trigger and code) only when the request never left; and chat.postMessage only after
/// conversations.history / conversations.replies shows that the first try did not arrive — each post carries a key in
/// its message metadata to be found by. All waits go through <see cref="TimeProvider"/>, so tests control the clock.
/// Tokens travel only in the Authorization header.
/// </summary>
public sealed class SlackApiClient(HttpClient http, TimeProvider clock, IOptions<SlackOptions> options, ILogger<SlackApiClient> logger)
{
    /// <summary>How often one call waits out a 429 before the caller gets <c>ratelimited</c>.</summary>
    public const int MaxRateLimitRetries = 3;

    /// <summary>Retries after a connection failure, a timeout or a 5xx; the same bound as the Teams Connector client's.</summary>
    public const int MaxTransientRetries = 4;

    /// <summary>The longest backoff between two tries (before jitter), as for the Teams Connector client.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>A longer wait is not done inside a call; the caller (or the outbox) retries later.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(30);

    /// <summary>The <c>metadata.event_type</c> of every chat.postMessage the bot makes; <c>event_payload.key</c> is that post's idempotency key.</summary>
    public const string PostMetadataEventType = "learningbot_post";

    /// <summary>How many of a conversation's newest messages are searched for a post that may have arrived.</summary>
    internal const int LookupHistoryLimit = 50;

    /// <summary>How many pages of a thread are searched for a reply that may have arrived.</summary>
    internal const int LookupThreadPages = 5;

    /// <summary>
    /// chat.postMessage, exactly once: the post carries a fresh key in its metadata; when a try fails in a way that may
    /// have posted it (the connection dropped after sending, a timeout, a 5xx), the conversation (or thread) is searched
    /// for the key before the next try, and a found message is the result. Where the search is impossible (an install
    /// without the *:history scope of that kind of conversation), the post is tried again: a rare duplicate rather than
    /// a reply that silently never comes. The key is fresh for each call, or derived from <c>idempotencyKey</c> (the outbox
    /// row's, the same on every attempt of that row); with <c>mayHaveBeenSent</c> an earlier attempt is looked for first.
    /// </summary>
    public async Task<string> PostMessageAsync(string token, string channel, JsonObject message, string? threadTs, CancellationToken cancellationToken,
        string? idempotencyKey = null, bool mayHaveBeenSent = false)
    {
        var args = Copy(message);
        args["channel"] = channel;
        if (threadTs is not null)
        {
            args["thread_ts"] = threadTs;
        }
        // The key is seen by anyone who reads the conversation through the API: a hash, so it tells nothing about the row.
        var key = idempotencyKey is null
            ? Guid.NewGuid().ToString("N")
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..32];
        args["metadata"] = WithKey(args["metadata"] as JsonObject, key);
        var result = await CallAsync("chat.postMessage", JsonRequest("chat.postMessage", token, args), Replay.AfterLookup,
            ct => FindPostAsync(token, channel, threadTs, key, ct), cancellationToken, lookUpFirst: idempotencyKey is not null && mayHaveBeenSent).ConfigureAwait(false);
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
        // What goes there is ephemeral (a duplicate is seen once, by one person) or replaces the original (the same
        // result twice), so a lost answer is worth a second try; each try spends one of the URL's five uses.
        await CallAsync("response_url", () => new HttpRequestMessage(HttpMethod.Post, responseUrl) { Content = JsonContent(body) },
            Replay.Always, null, cancellationToken, envelope: false).ConfigureAwait(false);
    }

    /// <summary>A Web API method with a JSON body, retried as its kind allows (see the class summary); chat.postMessage goes through <see cref="PostMessageAsync"/>.</summary>
    public Task<JsonElement> CallJsonAsync(string method, string token, JsonObject arguments, CancellationToken cancellationToken) =>
        CallAsync(method, JsonRequest(method, token, arguments), ReplayOf(method), null, cancellationToken);

    /// <summary>A Web API method with a form body, retried as its kind allows (see the class summary).</summary>
    public Task<JsonElement> CallFormAsync(string method, AuthenticationHeaderValue? authorization, IEnumerable<KeyValuePair<string, string>> form, CancellationToken cancellationToken) =>
        CallAsync(method, FormRequest(method, authorization, form), ReplayOf(method), null, cancellationToken);

    private static Func<HttpRequestMessage> JsonRequest(string method, string token, JsonObject arguments) => () =>
    {
        var request = new HttpRequestMessage(HttpMethod.Post, method) { Content = JsonContent(arguments) };
        request.Headers.Authorization = Bearer(token);
        return request;
    };

    private static Func<HttpRequestMessage> FormRequest(string method, AuthenticationHeaderValue? authorization, IEnumerable<KeyValuePair<string, string>> form)
    {
        var fields = form.ToList();
        return () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, method) { Content = new FormUrlEncodedContent(fields) };
            request.Headers.Authorization = authorization;
            return request;
        };
    }

    /// <summary>When a method may be sent again after a try that may have reached Slack.</summary>
    private enum Replay
    {
        /// <summary>Repeating it changes nothing (reads, updates, ephemeral posts): retry every transient failure.</summary>
        Always,

        /// <summary>Single-use arguments (a trigger, an OAuth code): retry only when the request never left.</summary>
        OnlyIfUnsent,

        /// <summary>A post: retry after the conversation shows it did not arrive.</summary>
        AfterLookup,

        /// <summary>No transient retry (a lookup, whose caller retries it); 429 is still waited out.</summary>
        Never,
    }

    private static Replay ReplayOf(string method) => method switch
    {
        "views.open" or "views.push" or "oauth.v2.access" => Replay.OnlyIfUnsent,
        // Not reached through here in the bot; a post without the lookup must not be repeated blindly.
        "chat.postMessage" => Replay.OnlyIfUnsent,
        _ => Replay.Always,
    };

    /// <summary>What the conversation says about a post whose try may have reached it.</summary>
    private readonly record struct Lookup(string? Ts, Failure? Failed, bool CannotTell);

    /// <summary>One try's failure: transient (and whether the request surely never left), a 429, or final.</summary>
    private sealed record Failure(string Error, bool Transient, bool Unsent = false, bool RateLimited = false, TimeSpan? RetryAfter = null,
        IReadOnlyList<string>? Details = null, string? Cause = null);

    /// <summary>The retry state of one call: tries so far and when it started, on the bot's clock.</summary>
    private sealed class Retrying(DateTimeOffset started)
    {
        public DateTimeOffset Started { get; } = started;
        public int RateLimits { get; set; }
        public int Transient { get; set; }
    }

    private async Task<JsonElement> CallAsync(string method, Func<HttpRequestMessage> build, Replay replay, Func<CancellationToken, Task<Lookup>>? findPosted,
        CancellationToken cancellationToken, bool envelope = true, bool lookUpFirst = false)
    {
        var retrying = new Retrying(clock.GetUtcNow());
        while (true)
        {
            if (lookUpFirst && findPosted is not null)
            {
                var seen = await findPosted(cancellationToken).ConfigureAwait(false);
                if (seen.Ts is { } ts)
                {
                    Log.PostFoundAfterFailure(logger, method);
                    return Posted(ts);
                }
                if (seen.Failed is { } lookupFailed)
                {
                    // Slack could not be asked either; ask again after the next wait (the same budget).
                    await WaitOrGiveUpAsync(method, retrying, lookupFailed, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                if (seen.CannotTell)
                {
                    Log.PostUncheckable(logger, method);
                }
                lookUpFirst = false;
            }

            var (result, failure) = await TryOnceAsync(method, build, envelope, cancellationToken).ConfigureAwait(false);
            if (failure is null)
            {
                return result;
            }
            if (failure.RateLimited)
            {
                // §5: 429 + Retry-After (seconds) per method tier; wait it out a few times, then hand it to the caller.
                var retryAfter = failure.RetryAfter ?? TimeSpan.FromSeconds(1);
                if (retrying.RateLimits++ >= MaxRateLimitRetries || retryAfter > MaxRetryAfter)
                {
                    throw Failed(method, "ratelimited", null, retryAfter);
                }
                Log.RateLimited(logger, method, retryAfter.TotalSeconds);
                if (retryAfter > TimeSpan.Zero)
                {
                    await Task.Delay(retryAfter, clock, cancellationToken).ConfigureAwait(false);
                }
                continue;
            }
            if (!failure.Transient)
            {
                throw Failed(method, failure.Error, failure.Details);
            }
            if (!failure.Unsent)
            {
                if (replay is Replay.OnlyIfUnsent or Replay.Never)
                {
                    throw Failed(method, failure.Error, failure.Details, transient: true);
                }
                lookUpFirst = replay == Replay.AfterLookup;
            }
            else if (replay == Replay.Never)
            {
                throw Failed(method, failure.Error, failure.Details, transient: true);
            }
            await WaitOrGiveUpAsync(method, retrying, failure, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Backs off before the next try (exponential from ApiRetryDelay, with jitter), or throws when the tries or the time are used up.</summary>
    private async Task WaitOrGiveUpAsync(string method, Retrying retrying, Failure failure, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var ceiling = TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, settings.ApiRetryDelay.Ticks * (1L << Math.Min(20, retrying.Transient))));
#pragma warning disable CA5394 // Not security: jitter only spreads retries so that many failed calls do not come back at once.
        var wait = ceiling / 2 + TimeSpan.FromTicks((long)(ceiling.Ticks / 2 * Random.Shared.NextDouble()));
#pragma warning restore CA5394
        var spent = clock.GetUtcNow() - retrying.Started;
        if (retrying.Transient >= MaxTransientRetries || spent + wait > settings.ApiRetryBudget)
        {
            throw Failed(method, failure.Error, failure.Details, transient: true);
        }
        retrying.Transient++;
        Log.Retrying(logger, method, failure.Error, retrying.Transient, wait.TotalSeconds, failure.Cause ?? "");
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, clock, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One try: the parsed ok:true envelope, or how it failed. A try longer than ApiTimeout is abandoned as a timeout.</summary>
    private async Task<(JsonElement Result, Failure? Failure)> TryOnceAsync(string method, Func<HttpRequestMessage> build, bool envelope, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.Value.ApiTimeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        int status;
        string body;
        TimeSpan retryAfter;
        try
        {
            using var request = build();
            using var response = await http.SendAsync(request, linked.Token).ConfigureAwait(false);
            status = (int)response.StatusCode;
            retryAfter = RetryAfter(response);
            body = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            // Failing to resolve, connect or shake hands means nothing was sent; anything later may have reached Slack.
            var unsent = e.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError
                or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError;
            return (default, new Failure(unsent ? "connection_failed" : "connection_lost", Transient: true, Unsent: unsent, Cause: e.Message));
        }
        catch (IOException e)
        {
            return (default, new Failure("connection_lost", Transient: true, Cause: e.Message));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Our ApiTimeout, or HttpClient's own timeout behind it.
            return (default, new Failure("timeout", Transient: true, Cause: $"no answer within {options.Value.ApiTimeout.TotalSeconds:0.#} s"));
        }

        if (status == (int)HttpStatusCode.TooManyRequests)
        {
            return (default, new Failure("ratelimited", Transient: false, RateLimited: true, RetryAfter: retryAfter));
        }
        if (status >= 500)
        {
            return (default, new Failure($"http_{status}", Transient: true, Cause: $"HTTP {status}"));
        }
        if (!envelope)
        {
            // response_url answers "ok" or a small JSON; only the status counts.
            return status is >= 200 and < 300 ? (default, null) : (default, new Failure($"http_{status}", Transient: false));
        }
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return (default, new Failure(status is >= 200 and < 300 ? "invalid_response" : $"http_{status}", Transient: false));
        }
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("ok", out var ok))
        {
            return (default, new Failure($"http_{status}", Transient: false));
        }
        if (ok.ValueKind != JsonValueKind.True)
        {
            var details = root.TryGetProperty("response_metadata", out var metadata) && metadata.TryGetProperty("messages", out var messages)
                && messages.ValueKind == JsonValueKind.Array
                ? messages.EnumerateArray().Select(m => m.ToString()).ToList()
                : null;
            var error = root.GetString("error") ?? "unknown_error";
            // Slack's own "try again" errors; as with a 5xx, some of the work may have been done.
            var transient = error is "internal_error" or "fatal_error" or "service_unavailable" or "request_timeout";
            return (default, new Failure(error, transient, Details: details, Cause: error));
        }
        Log.ApiCall(logger, method, status);
        return (root, null);
    }

    /// <summary>
    /// Looks for the post with <paramref name="key"/> in the conversation's newest messages (conversations.history), or
    /// in the thread (conversations.replies). Needs channels:history, groups:history, im:history or mpim:history for the
    /// kind of conversation; without it (or in a conversation the bot cannot read) the answer is "cannot tell".
    /// </summary>
    private async Task<Lookup> FindPostAsync(string token, string channel, string? threadTs, string key, CancellationToken cancellationToken)
    {
        try
        {
            string? cursor = null;
            for (var page = 0; page < (threadTs is null ? 1 : LookupThreadPages); page++)
            {
                var form = new List<KeyValuePair<string, string>> { new("channel", channel), new("include_all_metadata", "true") };
                if (threadTs is not null)
                {
                    form.Add(new("ts", threadTs));
                    form.Add(new("limit", "200"));
                }
                else
                {
                    form.Add(new("limit", LookupHistoryLimit.ToString(CultureInfo.InvariantCulture)));
                }
                if (cursor is not null)
                {
                    form.Add(new("cursor", cursor));
                }
                var method = threadTs is null ? "conversations.history" : "conversations.replies";
                var result = await CallAsync(method, FormRequest(method, Bearer(token), form), Replay.Never, null, cancellationToken).ConfigureAwait(false);
                if (result.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
                {
                    foreach (var message in messages.EnumerateArray())
                    {
                        if (message.GetObject("metadata") is { } metadata && metadata.GetString("event_type") == PostMetadataEventType
                            && metadata.GetObject("event_payload") is { } payload && payload.GetString("key") == key)
                        {
                            return new Lookup(message.GetString("ts") ?? "", null, false);
                        }
                    }
                }
                cursor = result.GetObject("response_metadata") is { } meta ? meta.GetString("next_cursor") : null;
                if (string.IsNullOrEmpty(cursor))
                {
                    break;
                }
            }
            return new Lookup(null, null, false);
        }
        catch (SlackApiException e) when (e.IsTransient || e.Error == "ratelimited")
        {
            return new Lookup(null, new Failure(e.Error, Transient: true, Cause: "the check for an earlier try failed: " + e.Error), false);
        }
        catch (SlackApiException)
        {
            // missing_scope (installed before the *:history scopes), not_in_channel, thread_not_found, …
            return new Lookup(null, null, true);
        }
    }

    private static JsonElement Posted(string ts)
    {
        using var document = JsonDocument.Parse(new JsonObject { ["ok"] = true, ["ts"] = ts }.ToJsonString());
        return document.RootElement.Clone();
    }

    /// <summary>The post's metadata with the key in its payload (any metadata of the message's own is kept).</summary>
    private static JsonObject WithKey(JsonObject? metadata, string key)
    {
        var result = metadata is null ? new JsonObject { ["event_type"] = PostMetadataEventType } : (JsonObject)metadata.DeepClone();
        result["event_type"] ??= PostMetadataEventType;
        if (result["event_payload"] is not JsonObject payload)
        {
            payload = [];
            result["event_payload"] = payload;
        }
        payload["key"] = key;
        return result;
    }

    internal static TimeSpan RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter?.Delta
        ?? (response.Headers.TryGetValues("Retry-After", out var values)
            && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                ? TimeSpan.FromSeconds(seconds)
                : TimeSpan.FromSeconds(1));

    private SlackApiException Failed(string method, string error, IReadOnlyList<string>? details, TimeSpan? retryAfter = null, bool transient = false)
    {
        Log.ApiFailed(logger, method, error, details is null ? "" : string.Join("; ", details));
        return new SlackApiException(method, error, details, retryAfter) { IsTransient = transient };
    }

    private static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);

    private static StringContent JsonContent(JsonObject body) =>
        new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static JsonObject Copy(JsonObject message) => (JsonObject)message.DeepClone();
}

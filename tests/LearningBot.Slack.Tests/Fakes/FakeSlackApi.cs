using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace LearningBot.Testing.Fakes;

/// <summary>One Web API call (or response_url post) the bot made to the fake Slack.</summary>
public sealed record SlackCall(string Method, string? Authorization, IReadOnlyDictionary<string, string> Form, JsonElement? Json)
{
    /// <summary>A top-level argument, from the JSON body or the form.</summary>
    public string? Arg(string name) =>
        Json is { ValueKind: JsonValueKind.Object } json && json.TryGetProperty(name, out var value)
            ? (value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText())
            : Form.TryGetValue(name, out var field) ? field : null;

    public JsonElement Body => Json ?? throw new InvalidOperationException($"{Method} was not a JSON post");
}

/// <summary>What a chosen call of the fake Slack suffers: the connection dropped before or after Slack did the work, a 500, or no answer.</summary>
public enum SlackFault
{
    /// <summary>The connection drops after the request was read, before anything was done (nothing posted).</summary>
    DropBeforeHandling,

    /// <summary>The work is done (a post is stored), then the connection drops before the answer.</summary>
    DropAfterHandling,

    /// <summary>The work is done, then HTTP 500 with an HTML body, as a failing load balancer answers.</summary>
    Status500AfterHandling,

    /// <summary>The work is done, then no answer until the bot gives up on the request (at most 30 s).</summary>
    HangAfterHandling,
}

/// <summary>A message the fake Slack holds after chat.postMessage, as conversations.history / conversations.replies return it.</summary>
public sealed record StoredMessage(string Channel, string Ts, string? ThreadTs, string? Text, JsonElement? Metadata);

/// <summary>
/// The Slack Web API on loopback (slack-protocol.md §5): POST /api/&lt;method&gt; with form or JSON bodies, answered with
/// the ok/error envelope; 429 + Retry-After on demand; dropped connections, 500s and hangs on demand (<see cref="Fault"/>);
/// calls held until released (<see cref="Hold"/>); posts stored with their metadata and read back by
/// conversations.history and conversations.replies; response_url posts under /hooks/…; and a Socket Mode WebSocket
/// at /socket (§7) whose frames a test scripts. Records every call.
/// </summary>
public sealed class FakeSlackApi : IAsyncDisposable
{
    public const string BotUserId = "UBOT";
    public const string TeamId = "T1";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<SlackCall> _calls = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Status, JsonObject Body, int? RetryAfter)>> _planned = new(StringComparer.Ordinal);

    /// <summary>Names users.info gives for known user ids; any other id is Ada Lovelace.</summary>
    public ConcurrentDictionary<string, string> Users { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Channels the bot is not a member of (value: private). conversations.info says so (a private one is
    /// channel_not_found), chat.postMessage there is not_in_channel, conversations.join adds the bot to a public one.
    /// </summary>
    public ConcurrentDictionary<string, bool> ChannelsWithoutBot { get; } = new(StringComparer.Ordinal);

    /// <summary>false: conversations.join is refused (an install without channels:join).</summary>
    public bool JoinAllowed { get; set; } = true;
    private readonly System.Threading.Channels.Channel<FakeSocket> _sockets = System.Threading.Channels.Channel.CreateUnbounded<FakeSocket>();
    private int _ts;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<SlackFault>> _faults = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _holds = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<StoredMessage> _stored = new();
    private readonly Lock _arrivalGate = new();
    private readonly List<(string Method, int Count, TaskCompletionSource Reached)> _arrivalWaiters = [];

    /// <summary>false: conversations.history and conversations.replies answer missing_scope (an install without the *:history scopes).</summary>
    public bool HistoryAllowed { get; set; } = true;

    /// <summary>Every message posted with chat.postMessage and stored, in order.</summary>
    public IReadOnlyList<StoredMessage> Stored => [.. _stored];

    /// <summary>The next <paramref name="count"/> calls of <paramref name="method"/> suffer <paramref name="fault"/>.</summary>
    public void Fault(string method, SlackFault fault, int count = 1)
    {
        var queue = _faults.GetOrAdd(method, _ => new());
        for (var i = 0; i < count; i++)
        {
            queue.Enqueue(fault);
        }
    }

    /// <summary>Takes back every fault not yet suffered.</summary>
    public void ClearFaults() => _faults.Clear();

    /// <summary>
    /// Calls of <paramref name="method"/> are recorded and then wait, before anything is done, until the returned action is
    /// called (at most 30 s); a call the bot abandons meanwhile is dropped undone.
    /// </summary>
    public Action Hold(string method)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _holds[method] = gate;
        return () =>
        {
            _holds.TryRemove(new KeyValuePair<string, TaskCompletionSource>(method, gate));
            gate.TrySetResult();
        };
    }

    /// <summary>Completes when <paramref name="count"/> calls of <paramref name="method"/> have arrived; fails the test after 30 s instead of hanging it.</summary>
    public Task WhenCallsAsync(string method, int count)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_arrivalGate)
        {
            if (CallsTo(method).Count >= count)
            {
                return Task.CompletedTask;
            }
            _arrivalWaiters.Add((method, count, reached));
        }
        return reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private void Arrived(SlackCall call)
    {
        lock (_arrivalGate)
        {
            _calls.Enqueue(call);
            var count = CallsTo(call.Method).Count;
            foreach (var waiter in _arrivalWaiters.Where(w => w.Method == call.Method && w.Count <= count).ToList())
            {
                waiter.Reached.TrySetResult();
                _arrivalWaiters.Remove(waiter);
            }
        }
    }

    private FakeSlackApi(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }
    public string ApiBaseUrl => new Uri(BaseAddress, "api/").ToString();
    public string ResponseUrl(string id = "r1") => new Uri(BaseAddress, $"hooks/{id}").ToString();

    public IReadOnlyList<SlackCall> Calls => [.. _calls];

    public IReadOnlyList<SlackCall> CallsTo(string method) => [.. _calls.Where(c => c.Method == method)];

    public static async Task<FakeSlackApi> StartAsync()
    {
        FakeSlackApi? fake = null;
        var (app, baseAddress) = await LoopbackServer.StartAsync(app =>
        {
            app.UseWebSockets();
            app.Map("/socket", (HttpContext context) => fake!.SocketAsync(context));
            app.MapPost("/api/{method}", (HttpContext context, string method) => fake!.ApiAsync(context, method));
            app.MapPost("/hooks/{id}", (HttpContext context, string id) => fake!.HookAsync(context, id));
        });
        fake = new FakeSlackApi(app, baseAddress);
        return fake;
    }

    /// <summary>The next <paramref name="count"/> calls of <paramref name="method"/> answer ok:false with <paramref name="error"/>.</summary>
    public void FailNext(string method, string error, int count = 1, IEnumerable<string>? messages = null)
    {
        var body = new JsonObject { ["ok"] = false, ["error"] = error };
        if (messages is not null)
        {
            body["response_metadata"] = new JsonObject { ["messages"] = new JsonArray([.. messages.Select(m => (JsonNode)m)]) };
        }
        Plan(method, count, 200, body, null);
    }

    /// <summary>The next <paramref name="count"/> calls of <paramref name="method"/> answer 429 ratelimited with Retry-After.</summary>
    public void RateLimitNext(string method, int count, int retryAfterSeconds = 0) =>
        Plan(method, count, 429, new JsonObject { ["ok"] = false, ["error"] = "ratelimited" }, retryAfterSeconds);

    /// <summary>Answers every later call of <paramref name="method"/> with this body.</summary>
    public void Answer(string method, JsonObject body) => Plan(method, 1000, 200, body, null);

    /// <summary>The next Socket Mode connection the bot opens.</summary>
    /// <summary>The next Socket Mode connection the bot opens; a bot that opens none within 30 s fails the test instead of hanging it.</summary>
    public async ValueTask<FakeSocket> NextSocketAsync(CancellationToken cancellationToken = default)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(TimeSpan.FromSeconds(30));
        return await _sockets.Reader.ReadAsync(patience.Token);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private void Plan(string method, int count, int status, JsonObject body, int? retryAfter)
    {
        var queue = _planned.GetOrAdd(method, _ => new());
        for (var i = 0; i < count; i++)
        {
            queue.Enqueue((status, body, retryAfter));
        }
    }

    private async Task ApiAsync(HttpContext context, string method)
    {
        var call = await ReadAsync(context, method);
        Arrived(call);
        if (_holds.TryGetValue(method, out var hold))
        {
            try
            {
                await hold.Task.WaitAsync(TimeSpan.FromSeconds(30), context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return; // the bot gave up on this call: nothing is done
            }
        }
        SlackFault? fault = _faults.TryGetValue(method, out var faults) && faults.TryDequeue(out var next) ? next : null;
        if (fault == SlackFault.DropBeforeHandling)
        {
            context.Abort();
            return;
        }
        if (fault is { } after)
        {
            _ = DefaultAnswer(method, call);
            switch (after)
            {
                case SlackFault.DropAfterHandling:
                    context.Abort();
                    return;
                case SlackFault.Status500AfterHandling:
                    context.Response.StatusCode = 500;
                    context.Response.ContentType = "text/html";
                    await context.Response.WriteAsync("<html><body>500 Internal Server Error</body></html>");
                    return;
                default:
                    try
                    {
                        await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                    context.Abort();
                    return;
            }
        }
        if (_planned.TryGetValue(method, out var planned) && planned.TryDequeue(out var answer))
        {
            if (answer.RetryAfter is { } seconds)
            {
                context.Response.Headers["Retry-After"] = seconds.ToString(CultureInfo.InvariantCulture);
            }
            context.Response.StatusCode = answer.Status;
            await context.Response.WriteAsJsonAsync(answer.Body);
            return;
        }
        await context.Response.WriteAsJsonAsync(DefaultAnswer(method, call));
    }

    private async Task HookAsync(HttpContext context, string id)
    {
        Arrived(await ReadAsync(context, "response_url:" + id));
        await context.Response.WriteAsJsonAsync(new JsonObject { ["ok"] = true });
    }

    private JsonObject DefaultAnswer(string method, SlackCall call)
    {
        var ts = $"1700000000.{Interlocked.Increment(ref _ts):D6}";
        var channel = call.Arg("channel") ?? "";
        var outside = ChannelsWithoutBot.TryGetValue(channel, out var isPrivate);
        if (outside && method is "chat.postMessage" or "chat.postEphemeral" or "chat.update")
        {
            return new JsonObject { ["ok"] = false, ["error"] = "not_in_channel" };
        }
        if (method == "conversations.info")
        {
            return outside && isPrivate
                ? new JsonObject { ["ok"] = false, ["error"] = "channel_not_found" }
                : new JsonObject { ["ok"] = true, ["channel"] = new JsonObject { ["id"] = channel, ["is_channel"] = true, ["is_private"] = false, ["is_member"] = !outside } };
        }
        if (method == "conversations.join")
        {
            if (!JoinAllowed)
            {
                return new JsonObject { ["ok"] = false, ["error"] = "missing_scope" };
            }
            if (outside && isPrivate)
            {
                return new JsonObject { ["ok"] = false, ["error"] = "method_not_supported_for_channel_type" };
            }
            ChannelsWithoutBot.TryRemove(channel, out _);
            return new JsonObject { ["ok"] = true, ["channel"] = new JsonObject { ["id"] = channel, ["is_member"] = true } };
        }
        if (method == "chat.postMessage")
        {
            JsonElement? metadata = call.Json is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty("metadata", out var m) ? m.Clone() : null;
            _stored.Enqueue(new StoredMessage(channel, ts, call.Arg("thread_ts"), call.Arg("text"), metadata));
        }
        if (method is "conversations.history" or "conversations.replies")
        {
            return History(method, call);
        }
        return method switch
        {
            "chat.postMessage" => new JsonObject { ["ok"] = true, ["channel"] = call.Arg("channel"), ["ts"] = ts },
            "chat.postEphemeral" => new JsonObject { ["ok"] = true, ["message_ts"] = ts },
            "chat.getPermalink" => new JsonObject { ["ok"] = true, ["channel"] = call.Arg("channel"), ["permalink"] = $"https://fake-workspace.slack.com/archives/{call.Arg("channel")}/p{call.Arg("message_ts")?.Replace(".", "", StringComparison.Ordinal)}" },
            "conversations.open" => new JsonObject { ["ok"] = true, ["channel"] = new JsonObject { ["id"] = $"D-{call.Arg("users")}" } },
            "users.info" => Users.TryGetValue(call.Arg("user") ?? "", out var known)
                ? new JsonObject
                {
                    ["ok"] = true,
                    ["user"] = new JsonObject
                    {
                        ["id"] = call.Arg("user"),
                        ["name"] = known,
                        ["real_name"] = known,
                        ["tz"] = "Europe/London",
                        ["profile"] = new JsonObject { ["display_name"] = known, ["email"] = $"{known}@example.com" },
                    },
                }
                : new JsonObject
                {
                    ["ok"] = true,
                    ["user"] = new JsonObject
                    {
                        ["id"] = call.Arg("user"),
                        ["name"] = "ada",
                        ["real_name"] = "Ada Lovelace",
                        ["tz"] = "Europe/London",
                        ["profile"] = new JsonObject { ["display_name"] = "Ada", ["email"] = $"{call.Arg("user")?.ToLowerInvariant()}@example.com" },
                    },
                },
            "auth.test" => new JsonObject { ["ok"] = true, ["user_id"] = BotUserId, ["bot_id"] = "BBOT", ["team_id"] = TeamId },
            "apps.connections.open" => new JsonObject { ["ok"] = true, ["url"] = new Uri(BaseAddress, "socket").ToString().Replace("http://", "ws://", StringComparison.Ordinal) },
            "oauth.v2.access" => call.Form.GetValueOrDefault("code") == "good-code"
                ? new JsonObject
                {
                    ["ok"] = true,
                    ["access_token"] = "xoxb-installed-secret",
                    ["token_type"] = "bot",
                    ["scope"] = "chat:write,commands",
                    ["bot_user_id"] = "UBOT2",
                    ["app_id"] = "A1",
                    ["team"] = new JsonObject { ["id"] = "T2", ["name"] = "Second workspace" },
                    ["enterprise"] = null,
                    ["is_enterprise_install"] = false,
                    ["authed_user"] = new JsonObject { ["id"] = "U9" },
                }
                : new JsonObject { ["ok"] = false, ["error"] = "invalid_code" },
            _ => new JsonObject { ["ok"] = true },
        };
    }

    /// <summary>
    /// conversations.history (top-level messages, newest first) or conversations.replies (a thread's messages, oldest
    /// first), up to limit; metadata only with include_all_metadata=true, as Slack does.
    /// </summary>
    private JsonObject History(string method, SlackCall call)
    {
        if (!HistoryAllowed)
        {
            return new JsonObject { ["ok"] = false, ["error"] = "missing_scope", ["needed"] = "channels:history" };
        }
        var channel = call.Arg("channel");
        var limit = int.TryParse(call.Arg("limit"), NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : 100;
        var withMetadata = call.Arg("include_all_metadata") == "true";
        var inChannel = _stored.Where(m => m.Channel == channel);
        var picked = method == "conversations.history"
            ? inChannel.Where(m => m.ThreadTs is null).Reverse()
            : inChannel.Where(m => m.ThreadTs == call.Arg("ts") || m.Ts == call.Arg("ts"));
        var messages = new JsonArray();
        foreach (var message in picked.Take(limit))
        {
            var item = new JsonObject { ["type"] = "message", ["ts"] = message.Ts, ["text"] = message.Text, ["bot_id"] = "BBOT" };
            if (message.ThreadTs is not null)
            {
                item["thread_ts"] = message.ThreadTs;
            }
            if (withMetadata && message.Metadata is { } metadata)
            {
                item["metadata"] = JsonNode.Parse(metadata.GetRawText());
            }
            messages.Add(item);
        }
        return new JsonObject { ["ok"] = true, ["messages"] = messages, ["has_more"] = false, ["response_metadata"] = new JsonObject { ["next_cursor"] = "" } };
    }

    private static async Task<SlackCall> ReadAsync(HttpContext context, string method)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        var authorization = context.Request.Headers.Authorization.ToString();
        JsonElement? json = null;
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        if (context.Request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true)
        {
            using var document = JsonDocument.Parse(text);
            json = document.RootElement.Clone();
        }
        else
        {
            foreach (var (key, value) in QueryHelpers.ParseQuery(text))
            {
                form[key] = value.ToString();
            }
        }
        return new SlackCall(method, authorization.Length == 0 ? null : authorization, form, json);
    }

    private async Task SocketAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var fake = new FakeSocket(socket);
        await _sockets.Writer.WriteAsync(fake);
        await Task.WhenAny(fake.Closed, Task.Delay(Timeout.Infinite, context.RequestAborted));
    }
}

/// <summary>One Socket Mode connection as Slack's side sees it: send frames, read the bot's acks.</summary>
public sealed class FakeSocket(WebSocket socket)
{
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Closed => _closed.Task;

    public Task SendAsync(JsonObject frame) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(frame.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>The next frame the bot sends (an ack), or null when it closed the connection.</summary>
    public async Task<JsonElement?> ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                Close();
                return null;
            }
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);
        using var document = JsonDocument.Parse(message.ToArray());
        return document.RootElement.Clone();
    }

    /// <summary>Ends the server side of the connection.</summary>
    public void Close() => _closed.TrySetResult();
}

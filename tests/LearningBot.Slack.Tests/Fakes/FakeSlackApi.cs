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

/// <summary>
/// The Slack Web API on loopback (slack-protocol.md §5): POST /api/&lt;method&gt; with form or JSON bodies, answered with
/// the ok/error envelope; 429 + Retry-After on demand; response_url posts under /hooks/…; and a Socket Mode WebSocket
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
        _calls.Enqueue(call);
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
        _calls.Enqueue(await ReadAsync(context, "response_url:" + id));
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

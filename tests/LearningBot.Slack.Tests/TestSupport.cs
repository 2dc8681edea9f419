using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Core.Conversations;
using LearningBot.Core.Storage;
using LearningBot.Slack.Inbound;
using LearningBot.Testing;
using LearningBot.Testing.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LearningBot.Slack.Tests;

/// <summary>
/// The real host (<see cref="LearningBotTestHost"/>) for the Slack channel's tests, talking to a fake Slack: a manual
/// clock, and test handlers answering questions (unless real lessons answer) and card actions.
/// </summary>
public sealed class SlackBotHost : ChannelBotHost
{
    public const string SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    public const string BotToken = "xoxb-configured-secret";

    private SlackBotHost(LearningBotTestHost host, FakeTimeProvider clock)
        : base(host, clock)
    {
    }

    public static Task<SlackBotHost> StartAsync(FakeSlackApi slack, IDictionary<string, string?>? overrides = null, Action<IServiceCollection>? services = null, bool lessons = false)
    {
        var settings = new Dictionary<string, string?>
        {
            ["LearningBot:Slack:SigningSecret"] = SigningSecret,
            ["LearningBot:Slack:BotToken"] = BotToken,
            ["LearningBot:Slack:ApiBaseUrl"] = slack.ApiBaseUrl,
            ["LearningBot:Slack:ClientId"] = "client-1",
            ["LearningBot:Slack:ClientSecret"] = "client-secret",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        return StartAsync(settings, services, lessons);
    }

    /// <param name="lessons">true: the real knowledge handler answers from the repository's content/ lessons (or the LearningBot:Content:Path given); false: a test handler echoes the question.</param>
    public static async Task<SlackBotHost> StartAsync(IDictionary<string, string?> settings, Action<IServiceCollection>? services = null, bool lessons = false)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // Posts into one channel are paced on the bot's clock, which stands still unless a test moves it: a paced
        // second post would wait for ever. The pacer has its own test.
        settings.TryAdd("LearningBot:Slack:PerChannelMessageInterval", "00:00:00");
        // Retries of failed Web API calls back off on the same standing clock; tests that look at the backoff set it.
        settings.TryAdd("LearningBot:Slack:ApiRetryDelay", "00:00:00");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        if (lessons && !settings.ContainsKey("LearningBot:Content:Path"))
        {
            settings = new Dictionary<string, string?>(settings) { ["LearningBot:Content:Path"] = RepositoryPaths.Content };
        }
        var host = await LearningBotTestHost.StartAsync(settings, registrations =>
        {
            if (!lessons)
            {
                registrations.AddScoped<IQuestionHandler, AnswerCardQuestionHandler>();
            }
            registrations.AddScoped<ICardActionHandler, TestCardActions>();
            services?.Invoke(registrations);
        }, clock);
        return new SlackBotHost(host, clock);
    }

    /// <summary>Completes when every event, action and late answer queued so far has been processed.</summary>
    public Task ProcessedAsync() => Services.GetRequiredService<SlackWorkQueue>().WhenIdleAsync();

    public Task<HttpResponseMessage> PostEventAsync(JsonObject envelope, Signing? signing = null) =>
        PostAsync("/slack/events", envelope.ToJsonString(), "application/json", signing);

    public Task<HttpResponseMessage> PostCommandAsync(IDictionary<string, string> form, Signing? signing = null) =>
        PostAsync("/slack/commands", Form(form), "application/x-www-form-urlencoded", signing);

    public Task<HttpResponseMessage> PostInteractionAsync(JsonObject payload, Signing? signing = null) =>
        PostAsync("/slack/interactions", Form(new Dictionary<string, string> { ["payload"] = payload.ToJsonString() }), "application/x-www-form-urlencoded", signing);

    /// <summary>Posts a body signed as Slack signs it (slack-protocol.md §1), unless <paramref name="signing"/> says otherwise.</summary>
    public Task<HttpResponseMessage> PostAsync(string path, string body, string contentType, Signing? signing = null) =>
        PostAsync(path, Encoding.UTF8.GetBytes(body), contentType, signing);

    /// <summary>Posts the bytes as they are, valid UTF-8 or not, signed over those bytes as Slack signs them.</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, byte[] bytes, string contentType, Signing? signing = null)
    {
        signing ??= new Signing();
        var timestamp = (Clock.GetUtcNow() + signing.Skew).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        if (!signing.Omit)
        {
            var signedBody = signing.TamperBody ? [.. bytes, (byte)' '] : bytes;
            request.Headers.TryAddWithoutValidation("X-Slack-Request-Timestamp", timestamp);
            request.Headers.TryAddWithoutValidation("X-Slack-Signature", SlackSignatureVerifier.Sign(signing.Secret, timestamp, signedBody));
        }
        return await Client.SendAsync(request);
    }

    public static string Form(IDictionary<string, string> fields) =>
        string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));

    public async Task<T> WithDbAsync<T>(Func<LearningBotDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<LearningBotDbContext>());
    }

    public Task<int> InboundEventCountAsync() => WithDbAsync(db => db.InboundEvents.CountAsync());

}

/// <summary>
/// A test class whose every test gets its own fake Slack and a bot talking to it, started before the test and stopped
/// after it; the constructor takes what <see cref="SlackBotHost"/> starts with (settings, services, real lessons).
/// </summary>
public abstract class SlackBotTests(IDictionary<string, string?>? overrides = null, Action<IServiceCollection>? services = null, bool lessons = false) : IAsyncLifetime
{
    protected FakeSlackApi Slack { get; private set; } = null!;

    protected SlackBotHost Bot { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Slack = await FakeSlackApi.StartAsync();
        Bot = await SlackBotHost.StartAsync(Slack, overrides, services, lessons);
    }

    public async Task DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Slack.DisposeAsync();
    }
}

/// <summary>How a test request is signed: by default correctly, now, with the host's secret.</summary>
public sealed record Signing
{
    public string Secret { get; init; } = SlackBotHost.SigningSecret;
    public TimeSpan Skew { get; init; }
    public bool Omit { get; init; }
    public bool TamperBody { get; init; }
}

/// <summary>Builders for what Slack sends (slack-protocol.md §2–§4).</summary>
public static class SlackPayloads
{
    public const string UserId = "U123ADA";
    public const string DmChannel = "D0DM";
    public const string Channel = "C0GENERAL";

    public static JsonObject EventCallback(JsonObject evt, string eventId = "Ev01", string teamId = FakeSlackApi.TeamId) => new()
    {
        ["token"] = "deprecated",
        ["team_id"] = teamId,
        ["api_app_id"] = "A1",
        ["type"] = "event_callback",
        ["event_id"] = eventId,
        ["event_time"] = 1700000000,
        ["event"] = evt,
        ["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = teamId, ["user_id"] = FakeSlackApi.BotUserId, ["is_bot"] = true }),
    };

    public static JsonObject DirectMessage(string text, string user = UserId)
    {
        var evt = MessageEvent("message", DmChannel, user, text, "1700000000.000100");
        evt["channel_type"] = "im";
        return evt;
    }

    public static JsonObject Mention(string text, string? threadTs = null)
    {
        var evt = MessageEvent("app_mention", Channel, UserId, text, "1700000000.000200");
        if (threadTs is not null)
        {
            evt["thread_ts"] = threadTs;
        }
        return evt;
    }

    private static JsonObject MessageEvent(string type, string channel, string user, string text, string ts) => new()
    {
        ["type"] = type,
        ["channel"] = channel,
        ["user"] = user,
        ["text"] = text,
        ["ts"] = ts,
        ["event_ts"] = ts,
    };

    public static Dictionary<string, string> Command(string command, string text, string responseUrl) => new()
    {
        ["token"] = "deprecated",
        ["team_id"] = FakeSlackApi.TeamId,
        ["team_domain"] = "example",
        ["channel_id"] = Channel,
        ["channel_name"] = "general",
        ["user_id"] = UserId,
        ["user_name"] = "ada",
        ["command"] = command,
        ["text"] = text,
        ["api_app_id"] = "A1",
        ["response_url"] = responseUrl,
        ["trigger_id"] = "13345224609.738474920.8088930838d88f008e0",
    };

    public static JsonObject BlockAction(string actionId, string value, string responseUrl, string triggerId = "trigger-1") => new()
    {
        ["type"] = "block_actions",
        ["team"] = new JsonObject { ["id"] = FakeSlackApi.TeamId, ["domain"] = "example" },
        ["user"] = new JsonObject { ["id"] = UserId, ["team_id"] = FakeSlackApi.TeamId },
        ["api_app_id"] = "A1",
        ["trigger_id"] = triggerId,
        ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = "1700000000.000300", ["channel_id"] = DmChannel, ["is_ephemeral"] = false },
        ["channel"] = new JsonObject { ["id"] = DmChannel },
        ["response_url"] = responseUrl,
        ["actions"] = new JsonArray(new JsonObject { ["type"] = "button", ["action_id"] = actionId, ["block_id"] = "b1", ["value"] = value, ["action_ts"] = "1700000001.0001" }),
    };

    /// <summary>The view_submission Slack sends for a modal the bot opened: its view back, with an id, a hash and the state.</summary>
    public static JsonObject ViewSubmission(JsonElement openedView, JsonObject values)
    {
        var view = JsonNode.Parse(openedView.GetRawText())!.AsObject();
        view["id"] = "V-SUBMIT";
        view["hash"] = "1700000000.abcdef";
        view["state"] = new JsonObject { ["values"] = values };
        return new JsonObject
        {
            ["type"] = "view_submission",
            ["team"] = new JsonObject { ["id"] = FakeSlackApi.TeamId },
            ["user"] = new JsonObject { ["id"] = UserId, ["team_id"] = FakeSlackApi.TeamId },
            ["trigger_id"] = "trigger-submit",
            ["view"] = view,
        };
    }
}

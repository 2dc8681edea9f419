using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Slack.Api;
using LearningBot.Slack.Inbound;
using LearningBot.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LearningBot.Slack.Tests;

/// <summary>
/// Nothing acknowledged is lost, nothing is posted twice: the Web API client retries dropped connections, timeouts and
/// 5xx, and looks a post up by its metadata key before posting it again (docs/SLACK.md, "When Slack does not answer").
/// </summary>
public sealed class SlackRetryTests : SlackBotTests
{
    private static JsonElement KeyOf(StoredMessage message) =>
        message.Metadata!.Value.GetProperty("event_payload").GetProperty("key");

    private async Task AskInDmAsync(string question, string eventId = "Ev-retry")
    {
        using var response = await Bot.PostEventAsync(SlackPayloads.EventCallback(SlackPayloads.DirectMessage(question), eventId: eventId));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_reply_whose_first_post_connection_drops_before_slack_has_it_is_delivered_exactly_once()
    {
        Slack.Fault("chat.postMessage", SlackFault.DropBeforeHandling);

        await AskInDmAsync("how do I spot phishing?");
        await Bot.ProcessedAsync();

        Assert.Equal(2, Slack.CallsTo("chat.postMessage").Count);
        Assert.Single(Slack.CallsTo("conversations.history")); // looked before posting again
        var stored = Assert.Single(Slack.Stored);
        Assert.Equal(SlackPayloads.DmChannel, stored.Channel);
        Assert.Equal(SlackApiClient.PostMetadataEventType, stored.Metadata!.Value.GetProperty("event_type").GetString());
        // Both tries carried the same key, so a later look-up would have found either.
        var keys = Slack.CallsTo("chat.postMessage").Select(c => c.Body.GetProperty("metadata").GetProperty("event_payload").GetProperty("key").GetString()).Distinct();
        Assert.Equal(KeyOf(stored).GetString(), Assert.Single(keys));
    }

    [Fact]
    public async Task A_post_whose_connection_drops_after_slack_stored_it_is_not_posted_again()
    {
        Slack.Fault("chat.postMessage", SlackFault.DropAfterHandling);

        await AskInDmAsync("how do I spot phishing?");
        await Bot.ProcessedAsync();

        Assert.Single(Slack.CallsTo("chat.postMessage"));
        var lookup = Assert.Single(Slack.CallsTo("conversations.history"));
        Assert.Equal("true", lookup.Arg("include_all_metadata"));
        Assert.Equal(SlackPayloads.DmChannel, lookup.Arg("channel"));
        Assert.Single(Slack.Stored);
    }

    [Fact]
    public async Task A_500_after_the_message_was_stored_is_not_posted_twice()
    {
        Slack.Fault("chat.postMessage", SlackFault.Status500AfterHandling);

        await AskInDmAsync("how do I spot phishing?");
        await Bot.ProcessedAsync();

        Assert.Single(Slack.CallsTo("chat.postMessage"));
        Assert.Single(Slack.Stored);
    }

    [Fact]
    public async Task A_timeout_after_the_message_was_stored_is_not_posted_twice()
    {
        Slack.Fault("chat.postMessage", SlackFault.HangAfterHandling);

        await AskInDmAsync("how do I spot phishing?");
        await Slack.WhenCallsAsync("chat.postMessage", 1);
        // The try is timed on the bot's clock: past ApiTimeout (10 s) it is abandoned and the conversation is checked.
        Bot.Clock.Advance(TimeSpan.FromSeconds(11));
        await Bot.ProcessedAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Single(Slack.CallsTo("chat.postMessage"));
        Assert.Single(Slack.CallsTo("conversations.history"));
        Assert.Single(Slack.Stored);
    }

    [Fact]
    public async Task Under_an_api_that_keeps_failing_posts_every_acknowledged_reply_arrives_exactly_once()
    {
        // The measurement, repeated: before, 96 acknowledged replies vanished when the API dropped connections.
        var faults = new[] { SlackFault.DropBeforeHandling, SlackFault.DropAfterHandling, SlackFault.Status500AfterHandling };
        for (var i = 0; i < 60; i++)
        {
            Slack.Fault("chat.postMessage", faults[i % faults.Length]);
        }
        const int Questions = 100;
        for (var n = 0; n < Questions; n++)
        {
            await AskInDmAsync($"question {n}", eventId: $"Ev-flaky-{n}");
        }
        await Bot.ProcessedAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(Questions, Slack.Stored.Count);
        for (var n = 0; n < Questions; n++)
        {
            Assert.Single(Slack.Stored, m => Slack.CallsTo("chat.postMessage").Any(c =>
                c.Body.GetProperty("metadata").GetProperty("event_payload").GetProperty("key").GetString() == KeyOf(m).GetString()
                && c.Body.GetRawText().Contains($"You asked: question {n}\"", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task A_reply_in_a_thread_is_looked_up_in_the_thread()
    {
        Slack.Fault("chat.postMessage", SlackFault.DropAfterHandling);

        using var response = await Bot.PostEventAsync(SlackPayloads.EventCallback(SlackPayloads.Mention($"<@{FakeSlackApi.BotUserId}> what is tailgating?", threadTs: "1699999999.000001")));
        await Bot.ProcessedAsync();

        Assert.Single(Slack.CallsTo("chat.postMessage"));
        var lookup = Assert.Single(Slack.CallsTo("conversations.replies"));
        Assert.Equal("1699999999.000001", lookup.Arg("ts"));
        Assert.Equal(SlackPayloads.Channel, lookup.Arg("channel"));
        Assert.Empty(Slack.CallsTo("conversations.history"));
        Assert.Single(Slack.Stored);
    }

    [Fact]
    public async Task Without_the_history_scope_a_lost_answer_is_posted_again_rather_than_lost()
    {
        // The documented choice for installs that have not granted the *:history scopes yet: a rare duplicate, never a lost reply.
        Slack.HistoryAllowed = false;
        Slack.Fault("chat.postMessage", SlackFault.DropAfterHandling);

        await AskInDmAsync("how do I spot phishing?");
        await Bot.ProcessedAsync();

        Assert.Equal(2, Slack.CallsTo("chat.postMessage").Count);
        Assert.Equal(2, Slack.Stored.Count);
        Assert.Contains(Bot.Logs.Entries, e => e.Id.Id == 4006);
    }

    [Fact]
    public async Task The_outboxs_next_attempt_finds_the_post_an_attempt_that_gave_up_had_made()
    {
        var client = Bot.Services.GetRequiredService<SlackApiClient>();
        // The post arrives but its answer is lost, and Slack cannot be asked either: the call gives up, transient.
        Slack.Fault("chat.postMessage", SlackFault.DropAfterHandling);
        Slack.Fault("conversations.history", SlackFault.Status500AfterHandling, count: 20);
        var error = await Assert.ThrowsAsync<SlackApiException>(() => client.PostMessageAsync("xoxb-t", "D-QUIZ", new() { ["text"] = "quiz" }, null, default, "quiz:42:2026-03-02"));
        Assert.True(error.IsTransient);
        Slack.ClearFaults();

        // The outbox tries the row again later, with the row's key and "may have been sent": looked up first, not posted.
        var ts = await client.PostMessageAsync("xoxb-t", "D-QUIZ", new() { ["text"] = "quiz" }, null, default, "quiz:42:2026-03-02", mayHaveBeenSent: true);

        var stored = Assert.Single(Slack.Stored);
        Assert.Equal(stored.Ts, ts);
        Assert.Single(Slack.CallsTo("chat.postMessage"));
        Assert.DoesNotContain("quiz:42", KeyOf(stored).GetString(), StringComparison.Ordinal); // only a hash of the row's key is visible
    }

    [Fact]
    public async Task An_outbox_row_sent_again_through_the_messenger_is_found_and_not_posted_twice()
    {
        await AskInDmAsync("hi");
        await Bot.ProcessedAsync();
        var before = Slack.Stored.Count;
        await using var scope = Bot.Services.CreateAsyncScope();
        var conversation = (await scope.ServiceProvider.GetRequiredService<LearningBot.Core.Conversations.ConversationReferenceStore>()
            .FindAsync(LearningBot.Core.Conversations.ChannelKind.Slack, SlackPayloads.DmChannel, default))!;
        var messenger = scope.ServiceProvider.GetServices<LearningBot.Core.Conversations.IProactiveMessenger>().Single(m => m.Channel == LearningBot.Core.Conversations.ChannelKind.Slack);
        var quiz = LearningBot.Core.Conversations.OutboundMessage.FromText("Daily quiz") with { IdempotencyKey = "quiz:7:2026-03-02" };

        var first = await messenger.SendAsync(conversation, quiz, default);
        var again = await messenger.SendAsync(conversation, quiz with { MayHaveBeenSent = true }, default);

        Assert.Equal(first, again);
        Assert.Equal(before + 1, Slack.Stored.Count);
    }

    [Theory]
    [InlineData("WorkQueueCapacity", "0")]
    [InlineData("ApiTimeout", "00:00:00")]
    [InlineData("ApiRetryDelay", "00:01:00")]
    [InlineData("ApiRetryBudget", "-00:00:01")]
    public void Out_of_range_retry_and_queue_settings_are_refused_at_start(string key, string value)
    {
        var options = new SlackOptions();
        var property = typeof(SlackOptions).GetProperty(key)!;
        property.SetValue(options, property.PropertyType == typeof(int) ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture));
        var result = new SlackOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains($"LearningBot:Slack:{key}", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_is_retried_after_5xx_and_a_call_that_keeps_failing_is_given_up_as_transient()
    {
        var client = Bot.Services.GetRequiredService<SlackApiClient>();
        Slack.Fault("users.info", SlackFault.Status500AfterHandling, count: 2);
        var user = await client.UserInfoAsync("xoxb-t", "U1", default);
        Assert.Equal("Ada", user.Name);
        Assert.Equal(3, Slack.CallsTo("users.info").Count);

        Slack.Fault("auth.test", SlackFault.DropAfterHandling, count: 10);
        var error = await Assert.ThrowsAsync<SlackApiException>(() => client.AuthTestAsync("xoxb-t", default));
        Assert.True(error.IsTransient);
        Assert.False(error.IsPermanent);
        Assert.Equal(SlackApiClient.MaxTransientRetries + 1, Slack.CallsTo("auth.test").Count);
    }

    [Fact]
    public async Task Ephemeral_posts_and_updates_are_retried_after_a_dropped_connection()
    {
        var client = Bot.Services.GetRequiredService<SlackApiClient>();
        Slack.Fault("chat.postEphemeral", SlackFault.DropAfterHandling);
        Slack.Fault("chat.update", SlackFault.Status500AfterHandling);

        await client.PostEphemeralAsync("xoxb-t", "C1", "U1", new() { ["text"] = "only you" }, default);
        await client.UpdateMessageAsync("xoxb-t", "C1", "1.2", new() { ["text"] = "updated" }, default);

        Assert.Equal(2, Slack.CallsTo("chat.postEphemeral").Count); // a duplicate ephemeral is seen once by one person
        Assert.Equal(2, Slack.CallsTo("chat.update").Count);
    }

    [Fact]
    public async Task A_single_use_trigger_is_sent_again_only_when_it_never_left()
    {
        var refusedOnce = new RefuseFirstConnection();
        using var http = new HttpClient(refusedOnce) { BaseAddress = new Uri(Slack.ApiBaseUrl) };
        var client = new SlackApiClient(http, TimeProvider.System, Options.Create(new SlackOptions { ApiRetryDelay = TimeSpan.Zero }), NullLogger<SlackApiClient>.Instance);

        await client.OpenViewAsync("xoxb-t", "trigger-1", new() { ["type"] = "modal" }, default);
        Assert.Single(Slack.CallsTo("views.open")); // refused before sending, then sent once

        Slack.Fault("views.open", SlackFault.DropAfterHandling);
        var error = await Assert.ThrowsAsync<SlackApiException>(() => client.OpenViewAsync("xoxb-t", "trigger-2", new() { ["type"] = "modal" }, default));
        Assert.True(error.IsTransient);
        Assert.Equal(2, Slack.CallsTo("views.open").Count); // may have opened: not sent again
    }

    [Fact]
    public async Task Retries_back_off_on_the_bots_clock()
    {
        var clock = new WaitsClock(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        using var http = new HttpClient { BaseAddress = new Uri(Slack.ApiBaseUrl) };
        var client = new SlackApiClient(http, clock, Options.Create(new SlackOptions { ApiRetryDelay = TimeSpan.FromSeconds(1) }), NullLogger<SlackApiClient>.Instance);
        Slack.Fault("users.info", SlackFault.Status500AfterHandling);

        var call = client.UserInfoAsync("xoxb-t", "U1", default);
        var wait = await clock.NextWaitAsync();

        Assert.InRange(wait, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1)); // 1 s with jitter
        Assert.False(call.IsCompleted);
        clock.Advance(wait);
        Assert.Equal("Ada", (await call.WaitAsync(TimeSpan.FromSeconds(30))).Name);
        Assert.Equal(2, Slack.CallsTo("users.info").Count);
    }

    /// <summary>The first connection attempt is refused, as when nothing listens; later ones go through.</summary>
    private sealed class RefuseFirstConnection() : DelegatingHandler(new HttpClientHandler())
    {
        private int _calls;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _calls) == 1
                ? throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused")
                : base.SendAsync(request, cancellationToken);
    }

    /// <summary>A manual clock that tells when something starts waiting on it for less than a try's timeout (a backoff).</summary>
    private sealed class WaitsClock(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private readonly TaskCompletionSource<TimeSpan> _wait = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<TimeSpan> NextWaitAsync() => _wait.Task.WaitAsync(TimeSpan.FromSeconds(30));

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            if (dueTime > TimeSpan.Zero && dueTime < TimeSpan.FromSeconds(5))
            {
                _wait.TrySetResult(dueTime);
            }
            return timer;
        }
    }
}

/// <summary>
/// The work queue is bounded (LearningBot:Slack:WorkQueueCapacity): a full queue makes the ack wait, and when no room
/// comes within the ack budget Slack gets a 503 and retries — an event is never acknowledged and dropped.
/// </summary>
public sealed class SlackWorkQueueBoundTests() : SlackBotTests(new Dictionary<string, string?> { ["LearningBot:Slack:WorkQueueCapacity"] = "1", ["LearningBot:Slack:ApiTimeout"] = "00:02:00" })
{
    private Task<HttpResponseMessage> Ask(int n) =>
        Bot.PostEventAsync(SlackPayloads.EventCallback(SlackPayloads.DirectMessage($"question {n}"), eventId: $"Ev-full-{n}"));

    /// <summary>Four turns running (each held in chat.postMessage) and one waiting: the queue is full.</summary>
    private async Task<Action> FillAsync()
    {
        var release = Slack.Hold("chat.postMessage");
        for (var n = 1; n <= 4; n++)
        {
            using var running = await Ask(n);
            Assert.Equal(HttpStatusCode.OK, running.StatusCode);
        }
        await Slack.WhenCallsAsync("chat.postMessage", 4);
        using var queued = await Ask(5);
        Assert.Equal(HttpStatusCode.OK, queued.StatusCode);
        return release;
    }

    private void AssertEachAnsweredOnce(int questions)
    {
        Assert.Equal(questions, Slack.Stored.Count);
        for (var n = 1; n <= questions; n++)
        {
            Assert.Single(Slack.CallsTo("chat.postMessage"), c => c.Body.GetRawText().Contains($"You asked: question {n}\"", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_full_queue_makes_the_ack_wait_for_room_and_loses_nothing()
    {
        var release = await FillAsync();

        var sixth = Ask(6);
        Assert.False(sixth.IsCompleted); // no room: the ack waits
        release();
        using var acked = await sixth.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, acked.StatusCode);
        await Bot.ProcessedAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(6, await Bot.InboundEventCountAsync());
        AssertEachAnsweredOnce(6);
    }

    [Fact]
    public async Task A_queue_still_full_after_the_ack_budget_answers_503_so_slack_retries_and_the_retry_is_answered_once()
    {
        var release = await FillAsync();

        var sixth = Ask(6);
        // Move the bot's clock past the ack budget until the waiting ack gives up (it may not be waiting yet at first).
        for (var i = 0; i < 400 && !sixth.IsCompleted; i++)
        {
            Bot.Clock.Advance(TimeSpan.FromSeconds(3));
            await Task.WhenAny(sixth, Task.Delay(TimeSpan.FromMilliseconds(25)));
        }
        using var refused = await sixth.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.False(refused.Headers.Contains("X-Slack-No-Retry"));

        release();
        await Bot.ProcessedAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(5, await Bot.InboundEventCountAsync()); // the refused event was not taken

        using var retried = await Ask(6); // Slack's retry (X-Slack-Retry-Num: 1), same event_id
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        await Bot.ProcessedAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(6, await Bot.InboundEventCountAsync());
        AssertEachAnsweredOnce(6);
        Assert.Equal(1, Bot.Services.GetRequiredService<SlackWorkQueue>().Capacity);
    }
}

/// <summary>Over Socket Mode a full work queue leaves the envelope without ack, so Slack redelivers it; the redelivery is answered once.</summary>
public sealed class SocketModeQueueBoundTests() : SlackBotTests(new Dictionary<string, string?>
{
    ["LearningBot:Slack:SocketMode"] = "true",
    ["LearningBot:Slack:AppToken"] = "xapp-1-A1-socket",
    ["LearningBot:Slack:SigningSecret"] = "",
    ["LearningBot:Slack:WorkQueueCapacity"] = "1",
    ["LearningBot:Slack:ApiTimeout"] = "00:02:00",
})
{
    private static JsonObject Envelope(int n) => new()
    {
        ["envelope_id"] = $"env-{n}",
        ["type"] = "events_api",
        ["accepts_response_payload"] = false,
        ["payload"] = SlackPayloads.EventCallback(SlackPayloads.DirectMessage($"question {n}"), eventId: $"Ev-socket-{n}"),
    };

    [Fact]
    public async Task A_full_queue_sends_no_ack_and_the_redelivered_envelope_is_answered_once()
    {
        var socket = await Slack.NextSocketAsync();
        await socket.SendAsync(new JsonObject { ["type"] = "hello", ["num_connections"] = 1 });
        var release = Slack.Hold("chat.postMessage");
        for (var n = 1; n <= 4; n++)
        {
            await socket.SendAsync(Envelope(n));
            Assert.Equal($"env-{n}", (await socket.ReceiveAsync().WaitAsync(TimeSpan.FromSeconds(30)))!.Value.GetProperty("envelope_id").GetString());
        }
        await Slack.WhenCallsAsync("chat.postMessage", 4);
        await socket.SendAsync(Envelope(5));
        Assert.Equal("env-5", (await socket.ReceiveAsync().WaitAsync(TimeSpan.FromSeconds(30)))!.Value.GetProperty("envelope_id").GetString());

        await socket.SendAsync(Envelope(6));
        // Past the ack budget on the bot's clock the envelope is given up without ack (warning 3008).
        for (var i = 0; i < 400 && !Bot.Logs.Entries.Any(e => e.Id.Id == 3008); i++)
        {
            Bot.Clock.Advance(TimeSpan.FromSeconds(3));
            await Task.Delay(TimeSpan.FromMilliseconds(25));
        }
        Assert.Contains(Bot.Logs.Entries, e => e.Id.Id == 3008);
        release();
        await Bot.ProcessedAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(5, await Bot.InboundEventCountAsync());

        var redelivered = Envelope(6);
        redelivered["retry_attempt"] = 1;
        redelivered["retry_reason"] = "timeout";
        await socket.SendAsync(redelivered);
        // The next frame is the redelivery's ack: the first env-6 never got one.
        Assert.Equal("env-6", (await socket.ReceiveAsync().WaitAsync(TimeSpan.FromSeconds(30)))!.Value.GetProperty("envelope_id").GetString());
        await Bot.ProcessedAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(6, await Bot.InboundEventCountAsync());
        Assert.Equal(6, Slack.Stored.Count);
    }
}

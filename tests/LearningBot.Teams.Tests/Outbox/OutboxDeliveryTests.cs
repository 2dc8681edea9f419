using LearningBot.Core.Conversations;
using LearningBot.Core.Modules;
using LearningBot.Core.Outbox;
using LearningBot.Core.People;
using LearningBot.Core.Storage;
using LearningBot.Storage;
using LearningBot.Testing;
using LearningBot.Testing.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LearningBot.Teams.Tests.Outbox;

/// <summary>The outbox worker against the fake Connector on loopback: retries, Retry-After, give-up, pacing, leases.</summary>
public sealed class OutboxDeliveryTests : IAsyncLifetime
{
    private OutboxTestHost _host = null!;
    private FakeConnector _connector = null!;
    private ServiceProvider _services = null!;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    public async Task InitializeAsync()
    {
        _host = await OutboxTestHost.StartAsync(_clock, LearningBotFeatures.Essentials, ";Pooling=False");
        (_connector, _services) = (_host.Connector, _host.Services);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private OutboxDeliveryWorker Worker => _services.GetRequiredService<OutboxDeliveryWorker>();

    private Task<Guid> LearnerWithPersonalChatAsync(string conversationId = "a:personal-1") => _host.LearnerWithPersonalChatAsync(conversationId);

    private async Task EnqueueAsync(Guid personId, params string[] texts)
    {
        await using var scope = _services.CreateAsyncScope();
        var writer = scope.ServiceProvider.GetRequiredService<OutboxWriter>();
        foreach (var text in texts)
        {
            writer.AddText($"test:{personId}:{text}", ChannelKind.Teams, personId, text);
        }
        await scope.ServiceProvider.GetRequiredService<LearningBotDbContext>().SaveChangesAsync();
    }

    private async Task<OutboxMessageRecord> RowAsync(string text)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LearningBotDbContext>().Set<OutboxMessageRecord>().AsNoTracking().SingleAsync(m => m.Payload == text);
    }

    private int Posts => _connector.Requests.Count(r => r.Method == "POST");

    [Fact]
    public async Task A_stored_message_is_sent_once_and_marked_sent_with_the_channels_message_id()
    {
        var learner = await LearnerWithPersonalChatAsync();
        await EnqueueAsync(learner, "Hello");

        var first = await Worker.DeliverDueMessagesOnceAsync(CancellationToken.None);
        var second = await Worker.DeliverDueMessagesOnceAsync(CancellationToken.None);

        Assert.Equal(1, first.Sent);
        Assert.Equal(0, second.Handled);
        Assert.Equal("Hello", Assert.Single(_connector.Requests).Text);
        var row = await RowAsync("Hello");
        Assert.Equal(OutboxMessageStatus.Sent, row.Status);
        Assert.StartsWith("fake-activity-", row.SentMessageId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_429_with_a_long_Retry_After_waits_at_least_that_long_before_the_next_try()
    {
        var learner = await LearnerWithPersonalChatAsync();
        await EnqueueAsync(learner, "Quiz");
        _connector.FailNext(1, 429, retryAfter: TimeSpan.FromMinutes(10), errorCode: "TooManyRequests");

        var first = await Worker.DeliverDueMessagesOnceAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(9));
        var tooEarly = await Worker.DeliverDueMessagesOnceAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(2));
        var afterTheWait = await Worker.DeliverDueMessagesOnceAsync(CancellationToken.None);

        Assert.Equal(1, first.Retrying);
        Assert.Equal(0, tooEarly.Handled);
        Assert.Equal(1, afterTheWait.Sent);
        Assert.Equal(2, Posts);
        Assert.Equal(2, (await RowAsync("Quiz")).Attempts);
    }

    [Fact]
    public async Task Repeated_503s_are_retried_later_with_backoff_and_then_delivered()
    {
        var learner = await LearnerWithPersonalChatAsync();
        await EnqueueAsync(learner, "Quiz");
        // The connector's own retries (1 + 4) all fail, so the outbox gets the failure.
        _connector.FailNext(1 + TeamsRegistration.MaxConnectorRetries, 503, retryAfter: TimeSpan.Zero, errorCode: "ServiceUnavailable");

        var first = await Worker.DeliverDueMessagesOnceAsync(CancellationToken.None);
        var row = await RowAsync("Quiz");
        _clock.Advance(row.NotBefore - _clock.GetUtcNow());
        var retried = await Worker.DeliverDueMessagesOnceAsync(CancellationToken.None);

        Assert.Equal(1, first.Retrying);
        Assert.True(row.NotBefore >= _clock.GetUtcNow() - TimeSpan.FromSeconds(1), "a backoff was scheduled");
        Assert.Equal(1, retried.Sent);
        Assert.Equal(OutboxMessageStatus.Sent, (await RowAsync("Quiz")).Status);
    }

    [Fact]
    public async Task A_403_from_a_conversation_that_blocked_the_bot_is_given_up_without_retrying()
    {
        var learner = await LearnerWithPersonalChatAsync();
        await EnqueueAsync(learner, "Quiz");
        _connector.FailNext(1, 403, errorCode: "MessageWritesBlocked");

        var first = await Worker.DeliverDueMessagesOnceAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromDays(1));
        var later = await Worker.DeliverDueMessagesOnceAsync(CancellationToken.None);

        Assert.Equal(1, first.Failed);
        Assert.Equal(0, later.Handled);
        Assert.Equal(1, Posts);
        Assert.Equal(OutboxMessageStatus.Failed, (await RowAsync("Quiz")).Status);
    }

    /// <summary>Someone with a Teams account the bot knows (from a mention or a picker) and a team channel the bot is in.</summary>
    private async Task<Guid> ColleagueWithoutPersonalChatAsync(bool removedPersonalChat = false)
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LearningBotDbContext>();
        var person = new PersonRecord { Id = Guid.NewGuid(), DisplayName = "Alan", CreatedAt = _clock.GetUtcNow() };
        db.People.Add(person);
        db.ChannelAccounts.Add(new ChannelAccountRecord { Channel = ChannelKind.Teams, ExternalId = "29:alan", PersonId = person.Id, TenantId = "tenant-1" });
        db.ConversationReferences.Add(new ConversationReferenceRecord
        {
            Channel = ChannelKind.Teams, ConversationId = "19:general@thread.tacv2", ConversationType = nameof(ConversationType.Channel),
            ServiceUrl = _connector.ServiceUrl, TenantId = "tenant-1", BotId = "28:bot", TeamId = "team-1", UpdatedAt = _clock.GetUtcNow(),
        });
        if (removedPersonalChat)
        {
            db.ConversationReferences.Add(new ConversationReferenceRecord
            {
                Channel = ChannelKind.Teams, ConversationId = "a:alan-old", ConversationType = nameof(ConversationType.Personal),
                ServiceUrl = _connector.ServiceUrl, TenantId = "tenant-1", PersonId = person.Id, UpdatedAt = _clock.GetUtcNow(), RemovedAt = _clock.GetUtcNow(),
            });
        }
        await db.SaveChangesAsync();
        return person.Id;
    }

    [Fact]
    public async Task A_message_for_someone_without_a_1to1_chat_opens_one_through_the_team_and_later_messages_reuse_it()
    {
        var alan = await ColleagueWithoutPersonalChatAsync();
        await EnqueueAsync(alan, "Debrief", "Reminder");

        var pass = await Worker.DeliverDueMessagesOnceAsync(CancellationToken.None);

        Assert.Equal(2, pass.Sent);
        var created = Assert.Single(_connector.Requests, r => r.Path.TrimEnd('/').EndsWith("/v3/conversations", StringComparison.Ordinal));
        var body = created.Body!.Value;
        Assert.Equal("29:alan", body.GetProperty("members")[0].GetProperty("id").GetString());
        Assert.Equal(("28:bot", "tenant-1", "tenant-1"), (body.GetProperty("bot").GetProperty("id").GetString(), body.GetProperty("tenantId").GetString(),
            body.GetProperty("channelData").GetProperty("tenant").GetProperty("id").GetString()));
        Assert.Equal(2, _connector.Requests.Count(r => r.RawTarget.Contains("a%3Afake-conversation-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Someone_who_removed_the_app_is_not_written_to_again_and_a_refused_chat_is_given_up()
    {
        var removed = await ColleagueWithoutPersonalChatAsync(removedPersonalChat: true);
        await EnqueueAsync(removed, "Quiz");
        var first = await Worker.DeliverDueMessagesOnceAsync(CancellationToken.None);
        Assert.Equal(1, first.Failed);
        Assert.Empty(_connector.Requests);

        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LearningBotDbContext>();
            await db.ConversationReferences.Where(r => r.ConversationId == "a:alan-old").ExecuteDeleteAsync();
        }
        await EnqueueAsync(removed, "Again");
        _connector.FailNext(1, 403, errorCode: "BotNotInConversationRoster"); // the app is not installed for them
        var second = await Worker.DeliverDueMessagesOnceAsync(CancellationToken.None);
        Assert.Equal(1, second.Failed);
        Assert.Equal(OutboxMessageStatus.Failed, (await RowAsync("Again")).Status);
        Assert.Contains("Could not open a 1:1 chat", (await RowAsync("Again")).LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_more_than_seven_messages_a_second_go_into_one_conversation()
    {
        var learner = await LearnerWithPersonalChatAsync();
        await EnqueueAsync(learner, [.. Enumerable.Range(1, 10).Select(i => $"m{i}")]);

        var first = await Worker.DeliverDueMessagesOnceAsync(CancellationToken.None);
        var sameSecond = await Worker.DeliverDueMessagesOnceAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var nextSecond = await Worker.DeliverDueMessagesOnceAsync(CancellationToken.None);

        Assert.Equal(7, first.Sent);
        Assert.NotNull(first.PacedFor);
        Assert.Equal(0, sameSecond.Sent);
        Assert.Equal(3, nextSecond.Sent);
        Assert.Equal(10, Posts);
    }

    [Fact]
    public async Task A_row_claimed_by_a_worker_that_crashed_is_delivered_once_after_its_lease_expires()
    {
        var learner = await LearnerWithPersonalChatAsync();
        await EnqueueAsync(learner, "Quiz");
        await using (var scope = _services.CreateAsyncScope())
        {
            var until = _clock.GetUtcNow().AddMinutes(5);
            await scope.ServiceProvider.GetRequiredService<LearningBotDbContext>().Set<OutboxMessageRecord>()
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.LeaseOwner, "crashed-worker").SetProperty(m => m.LeaseUntil, until).SetProperty(m => m.Attempts, 1));
        }

        var whileLeased = await Worker.DeliverDueMessagesOnceAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(6));
        var afterLease = await Worker.DeliverDueMessagesOnceAsync(CancellationToken.None);
        var again = await Worker.DeliverDueMessagesOnceAsync(CancellationToken.None);

        Assert.Equal(0, whileLeased.Handled);
        Assert.Equal(1, afterLease.Sent);
        Assert.Equal(0, again.Handled);
        Assert.Equal(1, Posts);
    }

    [Fact]
    public async Task A_message_whose_time_has_passed_is_not_sent()
    {
        var learner = await LearnerWithPersonalChatAsync();
        await using (var scope = _services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<OutboxWriter>().AddText("late", ChannelKind.Teams, learner, "Stale", _clock.GetUtcNow().AddHours(1));
            await scope.ServiceProvider.GetRequiredService<LearningBotDbContext>().SaveChangesAsync();
        }
        _clock.Advance(TimeSpan.FromHours(2));

        var pass = await Worker.DeliverDueMessagesOnceAsync(CancellationToken.None);

        Assert.Equal(1, pass.Expired);
        Assert.Empty(_connector.Requests);
    }

    [Fact]
    public async Task Writing_the_same_idempotency_key_twice_is_refused_by_the_database()
    {
        var learner = await LearnerWithPersonalChatAsync();
        await EnqueueAsync(learner, "Once");

        await Assert.ThrowsAsync<DbUpdateException>(() => EnqueueAsync(learner, "Once"));
    }
}

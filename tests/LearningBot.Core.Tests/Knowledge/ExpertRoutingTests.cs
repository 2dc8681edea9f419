using LearningBot.Core.Conversations;
using LearningBot.Core.Knowledge;
using LearningBot.Core.Outbox;
using LearningBot.Core.People;
using LearningBot.Core.Storage;
using LearningBot.Storage.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Core.Tests.Knowledge;

/// <summary>
/// "Ask the experts" through the outbox: the question post and the answer are outbox rows written with the state
/// that caused them, delivered (and retried) by the delivery worker, and the asker is reached through their 1:1
/// chat — opened when the bot has none.
/// </summary>
public sealed class ExpertRoutingTests : IAsyncLifetime
{
    private const string Team = "19:team-general";
    private const string ExpertsChannel = "19:experts@thread.tacv2";

    private readonly RecordingMessenger _messenger = new();
    private readonly TransactionGate _gate = new();
    private TestDatabase _database = null!;
    private int _events;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(services => services
            .AddOutbox()
            .AddSingleton<IProactiveMessenger>(_messenger)
            .ConfigureDbContext<SqliteLearningBotDbContext>(options => options.AddInterceptors(_gate)));
        await using var scope = _database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<LearningBotDbContext>();
        db.ConversationReferences.Add(new ConversationReferenceRecord
        {
            Channel = ChannelKind.Teams, ConversationId = ExpertsChannel, ConversationType = nameof(ConversationType.Channel),
            ServiceUrl = "https://smba.example/", TenantId = "tenant-1", TeamId = Team, UpdatedAt = _database.Clock.GetUtcNow(),
        });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_question_is_stored_with_its_post_and_reaches_the_experts_channel_through_the_outbox()
    {
        var ada = await PersonAsync("Ada", withPersonalChat: true);
        var bob = await PersonAsync("Bob", withPersonalChat: true);
        await SetExpertsChannelAsync(bob);

        var reply = await AskExpertsAsync(ada, "how do we name a product", eventId: "route-1");
        var again = await AskExpertsAsync(ada, "how do we name a product", eventId: "route-1");

        Assert.Equal("Sent to the experts. I'll message you here when someone answers.", Assert.Single(reply.Messages).Text);
        Assert.Empty(again.Messages);
        Assert.Empty(_messenger.Sent);
        var row = Assert.Single(await OutboxAsync(ExpertQuestionComposer.QuestionKind));
        Assert.Equal(ExpertsChannel, row.ConversationId);
        Assert.Null(row.PersonId);
        Assert.Single(await QueryAsync(db => db.RoutedQuestions.ToListAsync()));

        await DeliverAsync();

        var post = Assert.Single(_messenger.Sent);
        Assert.Equal(ExpertsChannel, post.ConversationId);
        Assert.Equal("Ada has a question", post.Card!.Title);
    }

    [Fact]
    public async Task An_asker_without_a_stored_1to1_chat_gets_the_answer_in_a_chat_the_outbox_opens()
    {
        var ada = await PersonAsync("Ada", withPersonalChat: false);
        var bob = await PersonAsync("Bob", withPersonalChat: true);
        await SetExpertsChannelAsync(bob);
        // Ada asks from the team channel, so the bot has never had a 1:1 chat with her.
        await AskExpertsAsync(ada, "how do we name a product", conversation: new TurnConversation(ExpertsChannel, ConversationType.Channel) { TeamId = Team });
        await DeliverAsync();

        var reply = await AnswerAsync(bob, await RoutedIdAsync(), "Run a naming poll.");
        await DeliverAsync();

        Assert.Equal("Answered — thank you!", reply.UpdatedCard!.Title);
        Assert.Equal("29:ada", Assert.Single(_messenger.Opened));
        var toAda = _messenger.Sent.Single(s => s.Card?.Title == "An expert answered your question");
        Assert.Equal(RecordingMessenger.OpenedChat("29:ada"), toAda.ConversationId);
        Assert.Contains(toAda.Card!.Body, e => e is Cards.TextElement { Text: "Run a naming poll." });
        var stored = await QueryAsync(db => db.ConversationReferences.SingleAsync(r => r.ConversationId == toAda.ConversationId));
        Assert.Equal(ada.Id, stored.PersonId);
    }

    [Fact]
    public async Task Two_experts_answering_at_once_send_one_answer_and_the_other_is_told()
    {
        var ada = await PersonAsync("Ada", withPersonalChat: true);
        var bob = await PersonAsync("Bob", withPersonalChat: true);
        var cy = await PersonAsync("Cy", withPersonalChat: true);
        await SetExpertsChannelAsync(bob);
        await AskExpertsAsync(ada, "how do we name a product");
        await DeliverAsync();
        var routedId = await RoutedIdAsync();

        // Both have read the question as unanswered before either saves: only the conditional update tells them apart.
        _gate.HoldUntil(2);
        var replies = await Task.WhenAll(
            Task.Run(() => AnswerAsync(bob, routedId, "Run a naming poll.")),
            Task.Run(() => AnswerAsync(cy, routedId, "Ask marketing.")));
        await DeliverAsync();

        var winner = Assert.Single(replies, r => r.Messages.Count == 0);
        var loser = Assert.Single(replies, r => r.Messages.Count == 1);
        var routed = await QueryAsync(db => db.RoutedQuestions.SingleAsync());
        Assert.Equal($"{routed.AnsweredBy} already answered this one — thank you all the same!", loser.Messages[0].Text);
        Assert.Contains(winner.UpdatedCard!.Body, e => e is Cards.TextElement t && t.Text == routed.Answer);
        Assert.Single(await OutboxAsync(ExpertAnswerComposer.AnswerKind));
        var toAda = Assert.Single(_messenger.Sent, s => s.Card?.Title == "An expert answered your question");
        Assert.Contains(toAda.Card!.Body, e => e is Cards.TextElement t && t.Text == routed.Answer);
    }

    [Fact]
    public async Task A_failed_send_is_retried_by_the_outbox()
    {
        var ada = await PersonAsync("Ada", withPersonalChat: true);
        var bob = await PersonAsync("Bob", withPersonalChat: true);
        await SetExpertsChannelAsync(bob);
        await AskExpertsAsync(ada, "how do we name a product");
        _messenger.FailNext(1);

        var first = await DeliverAsync();
        _database.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await DeliverAsync();

        Assert.Equal(1, first.Retrying);
        Assert.Equal(1, second.Sent);
        Assert.Equal("Ada has a question", Assert.Single(_messenger.Sent).Card!.Title);
        var row = Assert.Single(await OutboxAsync(ExpertQuestionComposer.QuestionKind));
        Assert.Equal(OutboxMessageStatus.Sent, row.Status);
        Assert.Equal(2, row.Attempts);

        // The answer to the asker is retried the same way.
        _messenger.FailNext(1);
        await AnswerAsync(bob, await RoutedIdAsync(), "Run a naming poll.");
        var failed = await DeliverAsync();
        _database.Clock.Advance(TimeSpan.FromMinutes(1));
        var retried = await DeliverAsync();

        Assert.Equal(1, failed.Retrying);
        Assert.Equal(1, retried.Sent);
        Assert.Equal($"a:{ada.Id:N}", Assert.Single(_messenger.Sent, s => s.Card?.Title == "An expert answered your question").ConversationId);
    }

    private async Task<Colleague> PersonAsync(string name, bool withPersonalChat)
    {
        await using var scope = _database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<LearningBotDbContext>();
        var person = new PersonRecord { Id = Guid.NewGuid(), DisplayName = name, CreatedAt = _database.Clock.GetUtcNow() };
        var externalId = $"29:{name.ToLowerInvariant()}";
        db.People.Add(person);
        db.ChannelAccounts.Add(new ChannelAccountRecord { Channel = ChannelKind.Teams, ExternalId = externalId, PersonId = person.Id, TenantId = "tenant-1" });
        if (withPersonalChat)
        {
            db.ConversationReferences.Add(new ConversationReferenceRecord
            {
                Channel = ChannelKind.Teams, ConversationId = $"a:{person.Id:N}", ConversationType = nameof(ConversationType.Personal),
                ServiceUrl = "https://smba.example/", TenantId = "tenant-1", PersonId = person.Id, UpdatedAt = _database.Clock.GetUtcNow(),
            });
        }
        await db.SaveChangesAsync();
        return new Colleague(person.Id, new ChannelUser(externalId, name));
    }

    private Task<Reply> SetExpertsChannelAsync(Colleague who) =>
        RouteAsync(Turn(who, TurnKind.Message, new TurnConversation(ExpertsChannel, ConversationType.Channel) { TeamId = Team }) with { Text = "experts here" });

    private Task<Reply> AskExpertsAsync(Colleague who, string question, string? eventId = null, TurnConversation? conversation = null) =>
        RouteAsync(Turn(who, TurnKind.CardAction, conversation ?? Personal(who), eventId) with
        {
            Action = new CardActionInvocation(KnowledgeVerbs.AskExperts, new Dictionary<string, string> { ["question"] = question, ["anonymous"] = "no" }),
        });

    private Task<Reply> AnswerAsync(Colleague expert, string routedId, string answer) =>
        RouteAsync(Turn(expert, TurnKind.CardAction, new TurnConversation(ExpertsChannel, ConversationType.Channel) { TeamId = Team }) with
        {
            Action = new CardActionInvocation(KnowledgeVerbs.ExpertAnswer, new Dictionary<string, string> { [ExpertCards.RoutedIdKey] = routedId, [ExpertCards.AnswerInput] = answer }),
        });

    private Turn Turn(Colleague who, TurnKind kind, TurnConversation conversation, string? eventId = null) => new()
    {
        Channel = ChannelKind.Teams,
        EventId = eventId ?? $"event-{Interlocked.Increment(ref _events)}",
        Kind = kind,
        From = who.Account,
        Conversation = conversation,
        PersonId = who.Id,
        Timestamp = _database.Clock.GetUtcNow(),
    };

    private static TurnConversation Personal(Colleague who) => new($"a:{who.Id:N}", ConversationType.Personal);

    private async Task<Reply> RouteAsync(Turn turn)
    {
        await using var scope = _database.Scope();
        return await scope.ServiceProvider.GetRequiredService<TurnRouter>().RouteAsync(turn, CancellationToken.None);
    }

    private Task<OutboxPass> DeliverAsync() =>
        _database.Services.GetRequiredService<OutboxDeliveryWorker>().DeliverDueMessagesOnceAsync(CancellationToken.None);

    private async Task<string> RoutedIdAsync() => (await QueryAsync(db => db.RoutedQuestions.SingleAsync())).Id.ToString();

    private Task<List<OutboxMessageRecord>> OutboxAsync(string kind) =>
        QueryAsync(db => db.Set<OutboxMessageRecord>().AsNoTracking().Where(m => m.Kind == kind).ToListAsync());

    private async Task<T> QueryAsync<T>(Func<LearningBotDbContext, Task<T>> query)
    {
        await using var scope = _database.Scope();
        return await query(scope.ServiceProvider.GetRequiredService<LearningBotDbContext>());
    }

    private sealed record Colleague(Guid Id, ChannelUser Account);
}

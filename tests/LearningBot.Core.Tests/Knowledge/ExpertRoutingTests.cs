using LearningBot.Core.Cards;
using LearningBot.Core.Conversations;
using LearningBot.Core.Knowledge;
using LearningBot.Core.Outbox;
using LearningBot.Core.Tests.Debriefs;
using LearningBot.Storage.Sqlite;
using LearningBot.Testing;
using LearningBot.Testing.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Core.Tests.Knowledge;

/// <summary>
/// "Ask the experts" through the outbox: the question post and the answer are outbox rows written with the state
/// that caused them, delivered (and retried) by the delivery worker, and the asker is reached through their 1:1
/// chat — opened when the bot has none. Buttons are pressed as the cards offer them.
/// </summary>
public sealed class ExpertRoutingTests : IAsyncLifetime
{
    private const string Team = "19:team-general";
    private const string Question = "how do we name a product";

    private static readonly TurnConversation ExpertsChannel = new("19:experts@thread.tacv2", ConversationType.Channel) { TeamId = Team };

    private readonly TransactionGate _gate = new();
    private DebriefTestBed _bed = null!;

    private RecordingMessenger Messenger => _bed.Database.Messenger;

    public async Task InitializeAsync()
    {
        _bed = await DebriefTestBed.CreateAsync(configure: services => services
            .ConfigureDbContext<SqliteLearningBotDbContext>(options => options.AddInterceptors(_gate)));
        await _bed.QueryAsync(db =>
        {
            db.ConversationReferences.Add(new ConversationReferenceRecord
            {
                Channel = ChannelKind.Teams, ConversationId = ExpertsChannel.Id, ConversationType = nameof(ConversationType.Channel),
                ServiceUrl = "https://smba.example/", TeamId = Team, UpdatedAt = _bed.Clock.GetUtcNow(),
            });
            return db.SaveChangesAsync();
        });
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task A_question_is_stored_with_its_post_and_reaches_the_experts_channel_through_the_outbox()
    {
        var ada = await _bed.PersonAsync("Ada");
        await SetUpExpertsAsync();

        var reply = await AskExpertsAsync(ada);

        Assert.Equal("Sent to the experts. I'll message you here when someone answers.", Assert.Single(reply.Messages).Text);
        Assert.Empty(Messenger.Sent);
        var row = Assert.Single(await OutboxAsync(ExpertQuestionComposer.QuestionKind));
        Assert.Equal(ExpertsChannel.Id, row.ConversationId);
        Assert.Equal(ada, row.PersonId); // posted for Ada: she is the one told if the experts channel cannot take it
        Assert.Single(await _bed.QueryAsync(db => db.RoutedQuestions.ToListAsync()));

        await DeliverAsync();

        var post = Assert.Single(Messenger.Sent);
        Assert.Equal(ExpertsChannel.Id, post.ConversationId);
        Assert.Equal("Ada has a question", post.Card!.Title);
    }

    [Fact]
    public async Task An_asker_without_a_stored_1to1_chat_gets_the_answer_in_a_chat_the_outbox_opens()
    {
        var ada = await _bed.PersonAsync("Ada");
        var bob = await SetUpExpertsAsync();
        // Ada asks from the team channel; the bot has no 1:1 chat with her.
        await _bed.QueryAsync(db => db.ConversationReferences.Where(r => r.PersonId == ada).ExecuteDeleteAsync());
        await AskExpertsAsync(ada, ExpertsChannel);
        await DeliverAsync();

        var reply = await AnswerAsync(bob, "Run a naming poll.");
        await DeliverAsync();

        Assert.Equal("Answered — thank you!", reply.UpdatedCard!.Title);
        Assert.Equal(DebriefTestBed.AccountOf("Ada"), Assert.Single(Messenger.Opened));
        var toAda = Assert.Single(Messenger.Sent, s => s.Card?.Title == "An expert answered your question");
        Assert.Equal(RecordingMessenger.OpenedChat(DebriefTestBed.AccountOf("Ada")), toAda.ConversationId);
        Assert.Contains(toAda.Card!.Body, e => e is TextElement { Text: "Run a naming poll." });
        var stored = await _bed.QueryAsync(db => db.ConversationReferences.SingleAsync(r => r.ConversationId == toAda.ConversationId));
        Assert.Equal(ada, stored.PersonId);
    }

    [Fact]
    public async Task Two_experts_answering_at_once_send_one_answer_and_the_other_is_told()
    {
        var ada = await _bed.PersonAsync("Ada");
        var bob = await SetUpExpertsAsync();
        var cy = await _bed.PersonAsync("Cy");
        await AskExpertsAsync(ada);
        await DeliverAsync();

        // Both have read the question as unanswered before either saves: only the conditional update tells them apart.
        _gate.HoldUntil(2);
        var replies = await Task.WhenAll(Task.Run(() => AnswerAsync(bob, "Run a naming poll.")), Task.Run(() => AnswerAsync(cy, "Ask marketing.")));
        await DeliverAsync();

        var winner = Assert.Single(replies, r => r.Messages.Count == 0);
        var loser = Assert.Single(replies, r => r.Messages.Count == 1);
        var routed = await _bed.QueryAsync(db => db.RoutedQuestions.SingleAsync());
        Assert.Equal($"{routed.AnsweredBy} already answered this one — thank you all the same!", loser.Messages[0].Text);
        Assert.Contains(winner.UpdatedCard!.Body, e => e is TextElement t && t.Text == routed.Answer);
        Assert.Single(await OutboxAsync(ExpertAnswerComposer.AnswerKind));
        var toAda = Assert.Single(Messenger.Sent, s => s.Card?.Title == "An expert answered your question");
        Assert.Contains(toAda.Card!.Body, e => e is TextElement t && t.Text == routed.Answer);
    }

    [Fact]
    public async Task A_failed_send_is_retried_by_the_outbox()
    {
        var ada = await _bed.PersonAsync("Ada");
        var bob = await SetUpExpertsAsync();
        await AskExpertsAsync(ada);
        Messenger.FailNext(1);

        var first = await DeliverAsync();
        _bed.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await DeliverAsync();

        Assert.Equal(1, first.Retrying);
        Assert.Equal(1, second.Sent);
        Assert.Equal("Ada has a question", Assert.Single(Messenger.Sent).Card!.Title);
        var row = Assert.Single(await OutboxAsync(ExpertQuestionComposer.QuestionKind));
        Assert.Equal(OutboxMessageStatus.Sent, row.Status);
        Assert.Equal(2, row.Attempts);

        // The answer to the asker is retried the same way.
        Messenger.FailNext(1);
        await AnswerAsync(bob, "Run a naming poll.");
        var failed = await DeliverAsync();
        _bed.Clock.Advance(TimeSpan.FromMinutes(1));
        var retried = await DeliverAsync();

        Assert.Equal(1, failed.Retrying);
        Assert.Equal(1, retried.Sent);
        Assert.Equal(TestDatabase.PersonalChat(_bed.Database.AccountOf(ada)).Id, Assert.Single(Messenger.Sent, s => s.Card?.Title == "An expert answered your question").ConversationId);
    }

    /// <summary>Bob runs "experts here" in the team's experts channel; returns Bob.</summary>
    private async Task<Guid> SetUpExpertsAsync()
    {
        var bob = await _bed.PersonAsync("Bob");
        await _bed.SayAsync(bob, "experts here", conversation: ExpertsChannel);
        return bob;
    }

    /// <summary>Presses "Ask the experts" on the card the library gives when it has no lesson.</summary>
    private Task<Reply> AskExpertsAsync(Guid asker, TurnConversation? conversation = null) =>
        _bed.PressAsync(asker, KnowledgeCards.NotInLibrary(Question, [], expertsAvailable: true).Actions.Single(a => a.Title == "Ask the experts"), conversation: conversation);

    /// <summary>Presses "Send answer" on the question card the experts channel got.</summary>
    private Task<Reply> AnswerAsync(Guid expert, string answer) =>
        _bed.PressAsync(expert, Messenger.Sent.First(s => s.ConversationId == ExpertsChannel.Id).Card!.Actions.Single(),
            new Dictionary<string, string> { [ExpertCards.AnswerInput] = answer }, ExpertsChannel);

    private Task<OutboxPass> DeliverAsync() =>
        _bed.Services.GetRequiredService<OutboxDeliveryWorker>().DeliverDueMessagesOnceAsync(CancellationToken.None);

    private Task<List<OutboxMessageRecord>> OutboxAsync(string kind) =>
        _bed.QueryAsync(db => db.Set<OutboxMessageRecord>().AsNoTracking().Where(m => m.Kind == kind).ToListAsync());
}

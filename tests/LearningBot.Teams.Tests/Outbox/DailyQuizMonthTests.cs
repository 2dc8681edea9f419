using System.Text.Json;
using LearningBot.Core.Conversations;
using LearningBot.Core.Knowledge.Library;
using LearningBot.Core.Modules;
using LearningBot.Core.Outbox;
using LearningBot.Core.People;
using LearningBot.Core.Quizzes;
using LearningBot.Core.Storage;
using LearningBot.Storage;
using LearningBot.Testing;
using LearningBot.Testing.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LearningBot.Teams.Tests.Outbox;

/// <summary>
/// A simulated month: the dispatcher and the outbox worker run every 30 minutes of a moved clock, cards go through
/// the Teams renderer to the fake Connector, and the learner answers each card by pressing a button the Connector received.
/// </summary>
public sealed class DailyQuizMonthTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 23, 0, 0, TimeSpan.Zero)); // Monday 2 March, 00:00 in Berlin
    private OutboxTestHost _host = null!;
    private FakeConnector _connector = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _host = await OutboxTestHost.StartAsync(_clock, [.. LearningBotFeatures.Essentials, new QuizFeature()]);
        (_connector, _services) = (_host.Connector, _host.Services);
        await using var scope = _services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<LessonImporter>().ImportAsync(RepositoryPaths.Content, CancellationToken.None);
        Assert.NotEmpty(report.Added);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_learner_gets_exactly_one_quiz_each_working_day_at_local_nine_thirty_for_a_month_and_answers_update_card_and_schedule()
    {
        var ada = await LearnerAsync("Europe/Berlin");
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var handled = 0;
        var arrivals = new List<DateTime>();
        var updatedCards = 0;
        var weeklySummaries = 0;

        while (_clock.GetUtcNow() < new DateTimeOffset(2026, 3, 31, 22, 0, 0, TimeSpan.Zero)) // to the end of 31 March in Berlin
        {
            _clock.Advance(TimeSpan.FromMinutes(30));
            await using (var scope = _services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<QuizDispatcher>().DispatchAsync(CancellationToken.None);
            }
            await _services.GetRequiredService<OutboxDeliveryWorker>().DeliverDueMessagesOnceAsync(CancellationToken.None);

            foreach (var request in _connector.Requests.Skip(handled))
            {
                handled++;
                if (request.Card!.Value.GetProperty("body")[0].GetProperty("text").GetString() == "What you've kept this week")
                {
                    weeklySummaries++;
                    continue;
                }
                arrivals.Add(TimeZoneInfo.ConvertTime(_clock.GetUtcNow(), berlin).DateTime);
                var answer = FirstAnswerButton(request.Card!.Value);
                var reply = await PressAsync(ada, answer);
                updatedCards += reply.UpdatedCard is not null ? 1 : 0;
            }
        }

        // March 2026 has 22 working days; Berlin moves its clocks on Sunday 29 March.
        Assert.Equal(22, arrivals.Count);
        Assert.Equal(22, arrivals.Select(a => DateOnly.FromDateTime(a)).Distinct().Count());
        Assert.All(arrivals, a => Assert.InRange(a.DayOfWeek, DayOfWeek.Monday, DayOfWeek.Friday));
        Assert.All(arrivals, a => Assert.Equal(new TimeOnly(9, 30), TimeOnly.FromDateTime(a)));
        Assert.Equal(22, updatedCards);
        Assert.Equal(4, weeklySummaries); // with the Friday quizzes of 6, 13, 20 and 27 March
        await using var check = _services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<LearningBotDbContext>();
        Assert.Equal(22, await db.Set<QuizReviewRecord>().CountAsync(r => r.PersonId == ada));
        Assert.Equal(22, await db.Set<QuizCardRecord>().Where(c => c.PersonId == ada).SumAsync(c => c.Reps));
        Assert.All(await db.Set<QuizDeliveryRecord>().Where(d => d.PersonId == ada).ToListAsync(), d => Assert.StartsWith("fake-activity-", d.CardMessageId, StringComparison.Ordinal));
        Assert.Equal(0, (await db.Set<QuizSettingsRecord>().SingleAsync(s => s.PersonId == ada)).ConsecutiveUnanswered);
    }

    private static Dictionary<string, string> FirstAnswerButton(JsonElement card)
    {
        foreach (var action in card.GetProperty("actions").EnumerateArray())
        {
            if (action.GetProperty("type").GetString() == "Action.Execute" && action.GetProperty("verb").GetString() == QuizVerbs.Answer)
            {
                return action.GetProperty("data").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
            }
        }
        throw new InvalidOperationException("The quiz card has no answer button.");
    }

    private async Task<Reply> PressAsync(Guid learner, Dictionary<string, string> data)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TurnRouter>().RouteAsync(new Turn
        {
            Channel = ChannelKind.Teams,
            EventId = Guid.NewGuid().ToString(),
            Kind = TurnKind.CardAction,
            From = new ChannelUser("29:ada", "Ada"),
            Conversation = new TurnConversation("a:personal-ada", ConversationType.Personal),
            PersonId = learner,
            Action = new CardActionInvocation(data["verb"], data),
            Timestamp = _clock.GetUtcNow(),
        }, CancellationToken.None);
    }

    private Task<Guid> LearnerAsync(string timeZone) => _host.LearnerWithPersonalChatAsync("a:personal-ada", timeZone, enrolled: true);
}

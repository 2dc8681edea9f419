using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Core.Growth;
using LearningBot.Core.Outbox;
using LearningBot.Core.Storage;
using LearningBot.Testing;
using LearningBot.Testing.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Teams.Tests;

/// <summary>
/// The onboarding journey and goals through /api/people, /api/messages, the journey scheduler and the outbox to the fake
/// Connector, with the clock moved: a new hire from a CSV with a start date gets the day-1 welcome, a buddy introduction
/// (to both), the day-3 goals card and the check-ins on their days at 09:30 Berlin time (before and after the change to
/// summer time), and their manager gets the goals and each check-in's summary.
/// </summary>
public sealed class GrowthTests : IDisposable
{
    private const string ApiKey = "growth-test-key";
    private readonly string _lessons;

    public GrowthTests()
    {
        _lessons = Directory.CreateTempSubdirectory("learningbot-growth-").FullName;
        foreach (var id in new[] { "onboarding-first-week", "onboarding-asking-good-questions", "feedback-peer-conversations" })
        {
            File.Copy(Path.Combine(RepositoryPaths.Content, id + ".md"), Path.Combine(_lessons, id + ".md"));
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_lessons, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder.
        }
    }

    private const string People = """
        email,name,manager_email,team,role,start_date,buddy_email
        grace@example.com,Grace Hopper,,Platform,manager,,
        ada@example.com,Ada Lovelace,grace@example.com,Platform,engineer,2026-03-02,
        alan@example.com,Alan Turing,grace@example.com,Platform,engineer,,
        linus@example.com,Linus Pauling,,Sales,,,
        katherine@example.com,Katherine Johnson,,Sales,,,
        """;

    private static readonly string[] Everyone = ["grace", "ada", "alan", "linus", "katherine"];

    private Task<ProductionBot> StartAsync() =>
        ProductionBot.StartAsync(settings: new Dictionary<string, string?> { ["LearningBot:Content:Path"] = _lessons, ["LearningBot:Api:Key"] = ApiKey });

    private static string Chat(string name) => $"a:personal-{name}";

    private static JsonObject As(JsonObject activity, string name)
    {
        activity["from"] = new JsonObject { ["id"] = $"29:{name}", ["name"] = Name(name), ["aadObjectId"] = $"aad-{name}" };
        activity["conversation"]!["id"] = Chat(name);
        return activity;
    }

    private static string Name(string name) => name switch
    {
        "grace" => "Grace Hopper",
        "ada" => "Ada Lovelace",
        "alan" => "Alan Turing",
        "linus" => "Linus Pauling",
        _ => "Katherine Johnson",
    };

    private static int _ids;

    private static string Id() => "f:growth-" + Interlocked.Increment(ref _ids).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Task<HttpResponseMessage> SayAsync(ProductionBot bot, string name, string text) =>
        bot.PostAsync(As(TestActivities.Message(bot.Connector.ServiceUrl, text, Id()), name));

    private static Task<HttpResponseMessage> PressAsync(ProductionBot bot, string name, string verb, JsonObject? data = null) =>
        bot.PostAsync(As(TestActivities.CardActionInvoke(bot.Connector.ServiceUrl, verb, data, Id()), name));

    private static async Task<HttpResponseMessage> PostPeopleAsync(ProductionBot bot, string csv)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/people") { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
        request.Headers.Add("X-Api-Key", ApiKey);
        return await bot.Host.Client.SendAsync(request);
    }

    private static async Task<T> QueryAsync<T>(ProductionBot bot, Func<LearningBotDbContext, Task<T>> query)
    {
        await using var scope = bot.Host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<LearningBotDbContext>());
    }

    private static async Task<OnboardingRunReport> RunAsync(ProductionBot bot, DateTimeOffset at)
    {
        bot.Host.Clock.SetUtcNow(at);
        OnboardingRunReport report;
        await using (var scope = bot.Host.Services.CreateAsyncScope())
        {
            report = await scope.ServiceProvider.GetRequiredService<OnboardingScheduler>().RunAsync(CancellationToken.None);
        }
        await bot.Host.Services.GetRequiredService<OutboxDeliveryWorker>().DeliverDueMessagesOnceAsync(CancellationToken.None);
        return report;
    }

    /// <summary>The cards posted into a person's 1:1 chat, each as its strings (texts, titles, data) one per line.</summary>
    private static List<string> CardsTo(ProductionBot bot, string name) =>
        [.. bot.Connector.Requests.Where(r => r.Method == "POST" && r.Path == $"/v3/conversations/{Chat(name)}/activities" && r.Card is not null).Select(r => Strings(r.Card!.Value))];

    private static List<string> Titled(ProductionBot bot, string name, string title) =>
        [.. CardsTo(bot, name).Where(c => c.StartsWith(title + "\n", StringComparison.Ordinal) || c.Contains("\n" + title + "\n", StringComparison.Ordinal))];

    private static string Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()! + "\n",
        JsonValueKind.Object => string.Concat(element.EnumerateObject().Select(p => Strings(p.Value))),
        JsonValueKind.Array => string.Concat(element.EnumerateArray().Select(Strings)),
        _ => "",
    };

    /// <summary>Everyone writes to the bot once (so each has a 1:1 chat and their email is learned), then the directory is imported.</summary>
    private static async Task<ProductionBot> WithPeopleAsync(ProductionBot bot, params string[] volunteers)
    {
        foreach (var name in Everyone)
        {
            bot.Connector.Members.Add(new FakeTeamsMember($"29:{name}", Name(name), $"aad-{name}", $"{name}@example.com"));
            Assert.Equal(HttpStatusCode.OK, (await SayAsync(bot, name, "hello")).StatusCode);
        }
        var imported = await PostPeopleAsync(bot, People);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Contains("\"errors\":[]", await imported.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        foreach (var volunteer in volunteers)
        {
            bot.Host.Clock.Advance(TimeSpan.FromMinutes(1)); // volunteers in this order
            Assert.Equal(HttpStatusCode.OK, (await SayAsync(bot, volunteer, "buddy volunteer")).StatusCode);
        }
        return bot;
    }

    [Fact]
    public async Task A_new_hire_from_the_csv_gets_welcome_buddy_goals_and_check_ins_on_their_days_and_the_manager_gets_the_summaries()
    {
        await using var bot = await WithPeopleAsync(await StartAsync(), "linus", "alan");
        Assert.Equal(new DateOnly(2026, 3, 2), await QueryAsync(bot, db => db.People.Where(p => p.Email == "ada@example.com").Select(p => p.StartDate).SingleAsync()));

        // Monday 2 March, 10:00 in Berlin, Ada's first day: the welcome, and a buddy from another team (Linus, not Alan of
        // her own team, never Grace her manager), introduced to both.
        var first = await RunAsync(bot, new DateTimeOffset(2026, 3, 2, 9, 5, 0, TimeSpan.Zero));
        Assert.Equal((1, 2), (first.JourneysStarted, first.MessagesQueued));
        var welcome = Assert.Single(Titled(bot, "ada", "Welcome to LearningBot"));
        Assert.Contains("Welcome aboard, Ada!", welcome, StringComparison.Ordinal);
        Assert.Contains("Your first learning path", welcome, StringComparison.Ordinal);
        Assert.Contains("Making the most of your first week", welcome, StringComparison.Ordinal);
        Assert.Contains("Asking good questions at work", welcome, StringComparison.Ordinal);
        Assert.DoesNotContain("peer", welcome, StringComparison.OrdinalIgnoreCase); // a lesson for everyone is not on the new-hire path
        Assert.Contains("Start daily quizzes", welcome, StringComparison.Ordinal); // offered, not switched on
        Assert.False(await QueryAsync(bot, db => db.Set<Core.Quizzes.QuizSettingsRecord>().AnyAsync()));
        var intro = Assert.Single(Titled(bot, "ada", "Meet your learning buddy"));
        Assert.Contains("Linus Pauling", intro, StringComparison.Ordinal);
        Assert.Contains("What do you wish you had known in your first week here?", intro, StringComparison.Ordinal);
        var toBuddy = Assert.Single(Titled(bot, "linus", "You're Ada Lovelace's learning buddy"));
        Assert.Contains("I can't this time", toBuddy, StringComparison.Ordinal);
        Assert.Empty(Titled(bot, "alan", "You're Ada Lovelace's learning buddy"));
        Assert.DoesNotContain(CardsTo(bot, "grace"), c => c.Contains("buddy", StringComparison.Ordinal));

        // Run again, later that day: nothing twice.
        Assert.Equal(0, (await RunAsync(bot, new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero))).MessagesQueued);
        Assert.Single(Titled(bot, "ada", "Welcome to LearningBot"));

        // Day 3, Wednesday: nothing before 09:30 Berlin (08:30 UTC), then the goals card.
        Assert.Equal(0, (await RunAsync(bot, new DateTimeOffset(2026, 3, 4, 8, 29, 0, TimeSpan.Zero))).MessagesQueued);
        Assert.Equal(1, (await RunAsync(bot, new DateTimeOffset(2026, 3, 4, 8, 30, 0, TimeSpan.Zero))).MessagesQueued);
        Assert.Single(Titled(bot, "ada", "Your goals for the first 30 days"));

        // Ada saves two goals; pressed twice, they are saved once and Grace hears once.
        var goals = new JsonObject { ["goal1"] = "Ship my first change to production", ["topic1"] = "deployments", ["goal2"] = "Run a customer demo on my own", ["goal3"] = "" };
        Assert.Equal(HttpStatusCode.OK, (await PressAsync(bot, "ada", GrowthVerbs.SaveOnboardingGoals, goals)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PressAsync(bot, "ada", GrowthVerbs.SaveOnboardingGoals, (JsonObject)goals.DeepClone())).StatusCode);
        Assert.Equal(2, await QueryAsync(bot, db => db.Set<GoalRecord>().CountAsync()));
        await bot.Host.Services.GetRequiredService<OutboxDeliveryWorker>().DeliverDueMessagesOnceAsync(CancellationToken.None);
        var shared = Assert.Single(Titled(bot, "grace", "Ada Lovelace set goals for their first 30 days"));
        Assert.Contains("Ship my first change to production", shared, StringComparison.Ordinal);

        // Day 7 is Sunday 8 March: the check-in comes on Monday, 09:30 Berlin (still winter time, 08:30 UTC).
        Assert.Equal(0, (await RunAsync(bot, new DateTimeOffset(2026, 3, 8, 9, 0, 0, TimeSpan.Zero))).MessagesQueued);
        Assert.Equal(0, (await RunAsync(bot, new DateTimeOffset(2026, 3, 9, 8, 29, 0, TimeSpan.Zero))).MessagesQueued);
        Assert.Equal(1, (await RunAsync(bot, new DateTimeOffset(2026, 3, 9, 8, 30, 0, TimeSpan.Zero))).MessagesQueued);
        var checkIn = Assert.Single(Titled(bot, "ada", "Day 7 check-in"));
        Assert.Contains("Progress: Ship my first change to production", checkIn, StringComparison.Ordinal);

        var ids = await QueryAsync(bot, db => db.Set<GoalRecord>().OrderBy(g => g.Id).Select(g => g.Id).ToListAsync());
        var answers = new JsonObject
        {
            ["day"] = "7",
            [GrowthCards.ProgressOf(ids[0])] = "Reviewed, ships Thursday",
            [GrowthCards.ProgressOf(ids[1])] = "",
            ["hard"] = "Finding who owns the billing service",
            ["helped"] = "Linus walked me through the release process",
        };
        Assert.Equal(HttpStatusCode.OK, (await PressAsync(bot, "ada", GrowthVerbs.SubmitCheckIn, answers)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PressAsync(bot, "ada", GrowthVerbs.SubmitCheckIn, (JsonObject)answers.DeepClone())).StatusCode);
        await bot.Host.Services.GetRequiredService<OutboxDeliveryWorker>().DeliverDueMessagesOnceAsync(CancellationToken.None);
        var summary = Assert.Single(Titled(bot, "grace", "Ada Lovelace: day 7 check-in"));
        Assert.Contains("Reviewed, ships Thursday", summary, StringComparison.Ordinal);
        Assert.Contains("Finding who owns the billing service", summary, StringComparison.Ordinal);
        Assert.Contains("Suggested next step", summary, StringComparison.Ordinal);
        Assert.Contains("Ask Ada about what is hard", summary, StringComparison.Ordinal);
        Assert.Empty(Titled(bot, "alan", "Ada Lovelace: day 7 check-in")); // only her manager
        Assert.Equal("Reviewed, ships Thursday", await QueryAsync(bot, db => db.Set<GoalRecord>().Where(g => g.Id == ids[0]).Select(g => g.Progress).SingleAsync()));

        // Day 30 is Tuesday 31 March, after Berlin moved to summer time: 09:30 there is now 07:30 UTC.
        Assert.Equal(0, (await RunAsync(bot, new DateTimeOffset(2026, 3, 31, 7, 29, 0, TimeSpan.Zero))).MessagesQueued);
        Assert.Equal(1, (await RunAsync(bot, new DateTimeOffset(2026, 3, 31, 7, 30, 0, TimeSpan.Zero))).MessagesQueued);
        Assert.Single(Titled(bot, "ada", "Day 30 check-in"));

        // Day 60 (Thursday 30 April) and day 90 (Saturday 30 May → Monday 1 June); then the journey is over.
        Assert.Equal(1, (await RunAsync(bot, new DateTimeOffset(2026, 4, 30, 7, 30, 0, TimeSpan.Zero))).MessagesQueued);
        Assert.Equal(0, (await RunAsync(bot, new DateTimeOffset(2026, 5, 30, 7, 30, 0, TimeSpan.Zero))).MessagesQueued);
        Assert.Equal(1, (await RunAsync(bot, new DateTimeOffset(2026, 6, 1, 7, 30, 0, TimeSpan.Zero))).MessagesQueued);
        Assert.Single(Titled(bot, "ada", "Day 60 check-in"));
        Assert.Single(Titled(bot, "ada", "Day 90 check-in"));
        Assert.NotNull(await QueryAsync(bot, db => db.Set<OnboardingJourneyRecord>().Select(j => j.FinishedAt).SingleAsync()));
        // Exactly these journey cards reached Ada, each once.
        Assert.Equal(7, CardsTo(bot, "ada").Count(c => c.Contains("Welcome to LearningBot\n", StringComparison.Ordinal) || c.Contains("Meet your learning buddy\n", StringComparison.Ordinal)
            || c.Contains("Your goals for the first 30 days\n", StringComparison.Ordinal) || c.Contains(" check-in\n", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_buddy_who_passes_is_replaced_by_the_next_volunteer_from_another_team_and_a_second_press_changes_nothing()
    {
        await using var bot = await WithPeopleAsync(await StartAsync(), "linus", "alan", "katherine");
        await RunAsync(bot, new DateTimeOffset(2026, 3, 2, 9, 5, 0, TimeSpan.Zero));
        Assert.Single(Titled(bot, "linus", "You're Ada Lovelace's learning buddy"));
        var ada = await QueryAsync(bot, db => db.People.Where(p => p.Email == "ada@example.com").Select(p => p.Id).SingleAsync());

        var pass = new JsonObject { [GrowthCards.HireKey] = ada.ToString("N") };
        Assert.Equal(HttpStatusCode.OK, (await PressAsync(bot, "linus", GrowthVerbs.PassBuddy, pass)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PressAsync(bot, "linus", GrowthVerbs.PassBuddy, (JsonObject)pass.DeepClone())).StatusCode);
        await bot.Host.Services.GetRequiredService<OutboxDeliveryWorker>().DeliverDueMessagesOnceAsync(CancellationToken.None);

        // Katherine (Sales) before Alan (Ada's own team); Ada hears about her new buddy; Linus is not asked again.
        Assert.Single(Titled(bot, "katherine", "You're Ada Lovelace's learning buddy"));
        Assert.Empty(Titled(bot, "alan", "You're Ada Lovelace's learning buddy"));
        Assert.Equal(2, Titled(bot, "ada", "Meet your learning buddy").Count);
        Assert.Contains("Katherine Johnson", Titled(bot, "ada", "Meet your learning buddy")[1], StringComparison.Ordinal);
        Assert.Single(Titled(bot, "linus", "You're Ada Lovelace's learning buddy"));
        var journey = await QueryAsync(bot, db => db.Set<OnboardingJourneyRecord>().SingleAsync());
        Assert.Equal(2, journey.BuddyRound);

        // Katherine passes too: Alan, the last volunteer left, though on Ada's team.
        Assert.Equal(HttpStatusCode.OK, (await PressAsync(bot, "katherine", GrowthVerbs.PassBuddy, (JsonObject)pass.DeepClone())).StatusCode);
        await bot.Host.Services.GetRequiredService<OutboxDeliveryWorker>().DeliverDueMessagesOnceAsync(CancellationToken.None);
        Assert.Single(Titled(bot, "alan", "You're Ada Lovelace's learning buddy"));
    }

    [Fact]
    public async Task Stop_ends_the_journey_and_a_queued_card_is_not_sent()
    {
        await using var bot = await WithPeopleAsync(await StartAsync(), "linus");
        await RunAsync(bot, new DateTimeOffset(2026, 3, 2, 9, 5, 0, TimeSpan.Zero));
        Assert.Equal(HttpStatusCode.OK, (await PressAsync(bot, "ada", GrowthVerbs.StopJourney)).StatusCode);
        Assert.Equal(0, (await RunAsync(bot, new DateTimeOffset(2026, 3, 4, 8, 30, 0, TimeSpan.Zero))).MessagesQueued);
        Assert.Equal(0, (await RunAsync(bot, new DateTimeOffset(2026, 3, 9, 8, 30, 0, TimeSpan.Zero))).MessagesQueued);
        Assert.Empty(Titled(bot, "ada", "Your goals for the first 30 days"));
        Assert.Empty(Titled(bot, "ada", "Day 7 check-in"));
    }

    [Fact]
    public async Task Goals_are_listed_added_updated_and_completed_and_each_change_counts_once()
    {
        await using var bot = await StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await SayAsync(bot, "ada", "goals add Learn the basics of SQL")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SayAsync(bot, "ada", "goals add learn the  basics of sql")).StatusCode);
        Assert.Single(await QueryAsync(bot, db => db.Set<GoalRecord>().ToListAsync()));

        // The form: an added goal with a topic; the same submission twice is one goal.
        var form = new JsonObject { ["goal"] = "Give a lightning talk", ["topic"] = "presenting" };
        Assert.Equal(HttpStatusCode.OK, (await PressAsync(bot, "ada", GrowthVerbs.AddGoal, form)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PressAsync(bot, "ada", GrowthVerbs.AddGoal, (JsonObject)form.DeepClone())).StatusCode);
        var goals = await QueryAsync(bot, db => db.Set<GoalRecord>().OrderBy(g => g.Id).ToListAsync());
        Assert.Equal(["Learn the basics of SQL", "Give a lightning talk"], goals.Select(g => g.Text));
        Assert.Equal("presenting", goals[1].Topic);

        Assert.Equal(HttpStatusCode.OK, (await SayAsync(bot, "ada", "goals update 1 Write my first SQL report")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SayAsync(bot, "ada", "goals progress 2 Booked for the April meetup")).StatusCode);
        var done = new JsonObject { ["goalId"] = goals[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        Assert.Equal(HttpStatusCode.OK, (await PressAsync(bot, "ada", GrowthVerbs.CompleteGoal, done)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PressAsync(bot, "ada", GrowthVerbs.CompleteGoal, (JsonObject)done.DeepClone())).StatusCode);

        goals = await QueryAsync(bot, db => db.Set<GoalRecord>().OrderBy(g => g.Id).ToListAsync());
        Assert.Equal(("Write my first SQL report", GoalStatus.Done), (goals[0].Text, goals[0].Status));
        Assert.Equal(("Booked for the April meetup", GoalStatus.Open), (goals[1].Progress, goals[1].Status));

        // The list: the open goal numbered, the done one under "done lately".
        Assert.Equal(HttpStatusCode.OK, (await SayAsync(bot, "ada", "goals")).StatusCode);
        var card = CardsTo(bot, "ada").Last();
        Assert.Contains("1. Give a lightning talk _(presenting)_ — Booked for the April meetup", card, StringComparison.Ordinal);
        Assert.Contains("Done lately: Write my first SQL report", card, StringComparison.Ordinal);
        // Bad input is answered, not stored.
        Assert.Equal(HttpStatusCode.OK, (await SayAsync(bot, "ada", "goals done 7")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SayAsync(bot, "ada", "goals add " + new string('x', 400))).StatusCode);
        Assert.Equal(2, await QueryAsync(bot, db => db.Set<GoalRecord>().CountAsync()));
    }

    private static async Task<int> RunDevelopmentAsync(ProductionBot bot, DateTimeOffset at)
    {
        bot.Host.Clock.SetUtcNow(at);
        int queued;
        await using (var scope = bot.Host.Services.CreateAsyncScope())
        {
            queued = await scope.ServiceProvider.GetRequiredService<DevelopmentCheckInScheduler>().RunAsync(CancellationToken.None);
        }
        await bot.Host.Services.GetRequiredService<OutboxDeliveryWorker>().DeliverDueMessagesOnceAsync(CancellationToken.None);
        return queued;
    }

    [Fact]
    public async Task A_manager_gets_a_monthly_card_per_report_listing_learning_only_where_shared_and_an_agreed_goal_confirmed_by_the_report_becomes_a_goal()
    {
        await using var bot = await WithPeopleAsync(await StartAsync());
        var (ada, alan) = await QueryAsync(bot, async db => (
            await db.People.Where(p => p.Email == "ada@example.com").Select(p => p.Id).SingleAsync(),
            await db.People.Where(p => p.Email == "alan@example.com").Select(p => p.Id).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, (await SayAsync(bot, "ada", "share my learning with my manager")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SayAsync(bot, "ada", "goals add Ship my first change")).StatusCode);
        // Both practised a lesson in March; Alan recognised Ada.
        await QueryAsync(bot, async db =>
        {
            var reviewed = new DateTimeOffset(2026, 3, 20, 9, 0, 0, TimeSpan.Zero);
            db.Set<Core.Quizzes.QuizCardRecord>().Add(new() { PersonId = ada, QuestionId = "q-ada", LessonId = "onboarding-first-week", State = 2, LastReview = reviewed, Due = reviewed.AddDays(9) });
            db.Set<Core.Quizzes.QuizCardRecord>().Add(new() { PersonId = alan, QuestionId = "q-alan", LessonId = "feedback-peer-conversations", State = 2, LastReview = reviewed, Due = reviewed.AddDays(9) });
            db.Set<Core.Recognition.RecognitionEntryRecord>().Add(new()
            {
                IdempotencyKey = "kudos-1", Points = 1, Channel = Core.Conversations.ChannelKind.Teams, GiverPersonId = alan, RecipientPersonId = ada,
                Reason = "the clear release notes", CreatedAt = reviewed, GiverLocalDate = new DateOnly(2026, 3, 20),
            });
            return await db.SaveChangesAsync();
        });

        // Wednesday 1 April is Grace's first working day of the month: 10:00 in Berlin (summer time) is 08:00 UTC.
        Assert.Equal(0, await RunDevelopmentAsync(bot, new DateTimeOffset(2026, 4, 1, 7, 59, 0, TimeSpan.Zero)));
        Assert.Equal(2, await RunDevelopmentAsync(bot, new DateTimeOffset(2026, 4, 1, 8, 0, 0, TimeSpan.Zero)));
        Assert.Equal(0, await RunDevelopmentAsync(bot, new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.Zero)));
        var adaCard = Assert.Single(Titled(bot, "grace", "Growth conversation with Ada Lovelace"));
        Assert.Contains("Ship my first change", adaCard, StringComparison.Ordinal);
        Assert.Contains("Practised lately: Making the most of your first week", adaCard, StringComparison.Ordinal);
        Assert.Contains("Alan Turing: the clear release notes", adaCard, StringComparison.Ordinal);
        Assert.Contains("What is getting in the way of your growth right now?", adaCard, StringComparison.Ordinal);
        var alanCard = Assert.Single(Titled(bot, "grace", "Growth conversation with Alan Turing"));
        Assert.Contains("keeps their learning to themselves", alanCard, StringComparison.Ordinal);
        Assert.DoesNotContain("Giving feedback", alanCard, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Practised lately", alanCard, StringComparison.Ordinal);
        Assert.Empty(Titled(bot, "ada", "Growth conversation with Ada Lovelace")); // the card is the manager's

        var checkIns = await QueryAsync(bot, db => db.Set<DevelopmentCheckInRecord>().OrderBy(c => c.Id).ToListAsync());
        var adaCheckIn = checkIns.Single(c => c.ReportPersonId == ada).Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var alanCheckIn = checkIns.Single(c => c.ReportPersonId == alan).Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        // Grace notes an agreed goal; Ada is asked to confirm it (once, however often Grace presses); only then is it a goal.
        var agree = new JsonObject { [DevelopmentCards.CheckInKey] = adaCheckIn, [DevelopmentCards.AgreedGoalInput] = "Lead the April retro" };
        Assert.Equal(HttpStatusCode.OK, (await PressAsync(bot, "grace", GrowthVerbs.AgreeGoal, agree)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PressAsync(bot, "grace", GrowthVerbs.AgreeGoal, (JsonObject)agree.DeepClone())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PressAsync(bot, "alan", GrowthVerbs.ConfirmGoal, new JsonObject { [DevelopmentCards.CheckInKey] = adaCheckIn })).StatusCode); // not Alan's
        await bot.Host.Services.GetRequiredService<OutboxDeliveryWorker>().DeliverDueMessagesOnceAsync(CancellationToken.None);
        Assert.Contains("Lead the April retro", Assert.Single(Titled(bot, "ada", "A goal you agreed")), StringComparison.Ordinal);
        Assert.False(await QueryAsync(bot, db => db.Set<GoalRecord>().AnyAsync(g => g.Text == "Lead the April retro")));
        var confirm = new JsonObject { [DevelopmentCards.CheckInKey] = adaCheckIn };
        Assert.Equal(HttpStatusCode.OK, (await PressAsync(bot, "ada", GrowthVerbs.ConfirmGoal, confirm)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PressAsync(bot, "ada", GrowthVerbs.ConfirmGoal, (JsonObject)confirm.DeepClone())).StatusCode);
        var agreed = await QueryAsync(bot, db => db.Set<GoalRecord>().SingleAsync(g => g.Text == "Lead the April retro"));
        Assert.Equal((ada, "checkin", GoalStatus.Open), (agreed.PersonId, agreed.Source, agreed.Status));

        // Grace snoozes Alan's card: it comes back a week later, once.
        var snooze = new JsonObject { [DevelopmentCards.CheckInKey] = alanCheckIn };
        Assert.Equal(HttpStatusCode.OK, (await PressAsync(bot, "grace", GrowthVerbs.Snooze, snooze)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PressAsync(bot, "grace", GrowthVerbs.Snooze, (JsonObject)snooze.DeepClone())).StatusCode);
        // (pressed on 1 April at 11:00 Berlin: back from 8 April 11:00, 09:00 UTC).
        Assert.Equal(0, await RunDevelopmentAsync(bot, new DateTimeOffset(2026, 4, 8, 8, 59, 0, TimeSpan.Zero)));
        Assert.Equal(1, await RunDevelopmentAsync(bot, new DateTimeOffset(2026, 4, 8, 9, 0, 0, TimeSpan.Zero)));
        Assert.Equal(0, await RunDevelopmentAsync(bot, new DateTimeOffset(2026, 4, 8, 10, 0, 0, TimeSpan.Zero)));
        Assert.Equal(2, Titled(bot, "grace", "Growth conversation with Alan Turing").Count);
        Assert.Equal(HttpStatusCode.OK, (await PressAsync(bot, "grace", GrowthVerbs.Held, (JsonObject)snooze.DeepClone())).StatusCode);
        Assert.NotNull(await QueryAsync(bot, db => db.Set<DevelopmentCheckInRecord>().Where(c => c.ReportPersonId == alan).Select(c => c.HeldAt).SingleAsync()));

        // Alan asks for one himself: Grace gets his card now, once that day.
        Assert.Equal(HttpStatusCode.OK, (await SayAsync(bot, "alan", "checkin")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SayAsync(bot, "alan", "checkin")).StatusCode);
        await bot.Host.Services.GetRequiredService<OutboxDeliveryWorker>().DeliverDueMessagesOnceAsync(CancellationToken.None);
        var asked = Titled(bot, "grace", "Growth conversation with Alan Turing");
        Assert.Equal(3, asked.Count);
        Assert.Contains("Alan Turing asked for one", asked[2], StringComparison.Ordinal);

        // May's cards come on Friday 1 May — unless Grace stopped them from a card.
        Assert.Equal(HttpStatusCode.OK, (await PressAsync(bot, "grace", GrowthVerbs.StopMonthly, new JsonObject { [DevelopmentCards.CheckInKey] = adaCheckIn })).StatusCode);
        Assert.Equal(0, await RunDevelopmentAsync(bot, new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero)));
        Assert.Equal(HttpStatusCode.OK, (await SayAsync(bot, "grace", "checkin cards on")).StatusCode);
        Assert.Equal(2, await RunDevelopmentAsync(bot, new DateTimeOffset(2026, 5, 1, 8, 5, 0, TimeSpan.Zero)));
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Core.Storage;
using LearningBot.Tests.EndToEnd;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.Analytics;

/// <summary>
/// Analytics over real HTTP: known activity goes in through the Teams endpoint of the real host, and the figures the
/// API and the CSV give back are exactly that activity — under the group-size rule.
/// </summary>
public sealed class AnalyticsEndToEndTests
{
    private static readonly string[] Learners = ["29:u1", "29:u2", "29:u3", "29:u4", "29:sam"];
    private static int _ids = 1_700_100_000;

    private static string NextId() => Interlocked.Increment(ref _ids).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static JsonObject From(BotUnderTest bot, string user, string text)
    {
        var name = user == "29:sam" ? "Sam Lee" : $"User {user[^1]}";
        return bot.Activity("message", NextId(), a =>
        {
            a["text"] = text;
            a["from"] = new JsonObject { ["id"] = user, ["name"] = name };
            a["conversation"] = new JsonObject { ["id"] = $"a:personal-{user[3..]}", ["conversationType"] = "personal", ["tenantId"] = BotUnderTest.TenantId };
        });
    }

    private static async Task SayAsync(BotUnderTest bot, string user, string text, Action<JsonObject>? change = null)
    {
        var activity = From(bot, user, text);
        change?.Invoke(activity);
        var response = await bot.SendAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<HttpResponseMessage> GetAsync(BotUnderTest bot, string path, string? key = BotUnderTest.ApiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }
        return await bot.Http.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> PostAsync(BotUnderTest bot, string path, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", BotUnderTest.ApiKey);
        return await bot.Http.SendAsync(request);
    }

    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<JsonElement> OverviewAsync(BotUnderTest bot, string? team = null)
    {
        var response = await GetAsync(bot, $"/api/analytics/overview?from={Today}&to={Today}" + (team is null ? "" : $"&team={Uri.EscapeDataString(team)}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Five learners: three questions answered, two declined (the same one, written differently), one kudos.</summary>
    private static async Task SeedAsync(BotUnderTest bot)
    {
        await SayAsync(bot, "29:u1", "what do i do if i clicked a weird link");
        await SayAsync(bot, "29:u2", "how do I give feedback to a peer without it getting awkward");
        await SayAsync(bot, "29:u3", "what do i do if i clicked a weird link");
        await SayAsync(bot, "29:u4", "what's the capital of mongolia");
        await SayAsync(bot, "29:sam", "What's the capital of Mongolia?");
        await SayAsync(bot, "29:u1", "kudos <at>Sam Lee</at> for the clear demo, really #teamwork", a =>
            a["entities"] = new JsonArray(new JsonObject { ["type"] = "mention", ["text"] = "<at>Sam Lee</at>", ["mentioned"] = new JsonObject { ["id"] = "29:sam", ["name"] = "Sam Lee" } }));
    }

    private static async Task SetTeamsAsync(BotUnderTest bot, Func<string, string?> teamOf)
    {
        await using var scope = bot.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LearningBotDbContext>();
        var accounts = await db.ChannelAccounts.AsNoTracking().ToListAsync();
        foreach (var person in await db.People.ToListAsync())
        {
            var account = accounts.First(a => a.PersonId == person.Id);
            person.Team = teamOf(account.ExternalId);
        }
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task The_overview_counts_exactly_the_activity_that_came_in_through_Teams()
    {
        await using var bot = await BotUnderTest.StartAsync();
        await SeedAsync(bot);

        var json = await OverviewAsync(bot);

        Assert.False(json.GetProperty("hidden").GetBoolean());
        Assert.Equal(5, json.GetProperty("activeLearners").GetInt32());
        var questions = json.GetProperty("questions");
        Assert.Equal(5, questions.GetProperty("asked").GetInt32());
        Assert.Equal(3, questions.GetProperty("answered").GetInt32());
        Assert.Equal(2, questions.GetProperty("declined").GetInt32());
        Assert.Equal(0, json.GetProperty("quizzes").GetProperty("sent").GetInt32());
        Assert.Equal(0, json.GetProperty("quizzes").GetProperty("answered").GetInt32());
        Assert.Equal(1, json.GetProperty("recognitions").GetProperty("given").GetInt32());
        Assert.Equal(1, json.GetProperty("recognitions").GetProperty("received").GetInt32());
    }

    [Fact]
    public async Task Fewer_people_than_the_group_size_show_no_figures_at_all()
    {
        await using var bot = await BotUnderTest.StartAsync();
        foreach (var user in Learners.Take(4))
        {
            await SayAsync(bot, user, "what do i do if i clicked a weird link");
        }

        var json = await OverviewAsync(bot);

        Assert.True(json.GetProperty("hidden").GetBoolean());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("activeLearners").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("questions").ValueKind);
        Assert.Contains("Fewer than 5 people", json.GetProperty("note").GetString(), StringComparison.Ordinal);
        var recognition = await (await GetAsync(bot, $"/api/analytics/recognition.csv?from={Today}&to={Today}")).Content.ReadAsStringAsync();
        Assert.Equal("team,people,given,received,people_recognised\r\n", recognition);
    }

    [Fact]
    public async Task A_small_team_is_hidden_and_folded_into_other_so_it_cannot_be_worked_out_by_subtraction()
    {
        await using var bot = await BotUnderTest.StartAsync();
        await SeedAsync(bot);
        // Five more people, so that Sales (5) passes the rule and Legal (1) does not.
        foreach (var user in new[] { "29:v1", "29:v2", "29:v3", "29:v4", "29:v5" })
        {
            await SayAsync(bot, user, "what do i do if i clicked a weird link");
        }
        await SetTeamsAsync(bot, id => id switch { "29:u1" or "29:u2" or "29:u3" or "29:u4" or "29:sam" => "Sales", "29:v1" => "Legal", _ => "Support" });

        var sales = await OverviewAsync(bot, "sales");
        var legal = await OverviewAsync(bot, "Legal");
        var support = await OverviewAsync(bot, "Support");
        var other = await OverviewAsync(bot, "other");
        var unknown = await GetAsync(bot, $"/api/analytics/overview?from={Today}&to={Today}&team=Marketing");

        Assert.Equal(5, sales.GetProperty("questions").GetProperty("asked").GetInt32());
        Assert.True(legal.GetProperty("hidden").GetBoolean());
        Assert.Equal(JsonValueKind.Null, legal.GetProperty("questions").ValueKind);
        // Support has 4 people: too few alone, and Legal's 1 is not enough for "other" either, so the smallest shown
        // team would join — here Support and Legal are "other" together (5), and Support has no figures of its own.
        Assert.True(support.GetProperty("hidden").GetBoolean());
        Assert.Equal(5, other.GetProperty("questions").GetProperty("asked").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("Sales", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var csv = await (await GetAsync(bot, $"/api/analytics/recognition.csv?from={Today}&to={Today}")).Content.ReadAsStringAsync();
        Assert.Equal("team,people,given,received,people_recognised\r\nSales,5,1,1,1\r\nother,5,0,0,0\r\n", csv);
    }

    [Theory]
    [InlineData("from=2026-13-01&to=2026-12-31", "'from' must be a date written YYYY-MM-DD")]
    [InlineData("from=2026-12-31&to=2026-12-01", "is after 'to'")]
    [InlineData("from=yesterday", "'from' must be a date")]
    [InlineData("from=2020-01-01&to=2026-01-01", "at most 400 days")]
    public async Task A_bad_period_gets_400_saying_what_to_send(string query, string message)
    {
        await using var bot = await BotUnderTest.StartAsync();

        var overview = await GetAsync(bot, $"/api/analytics/overview?{query}");
        var csv = await GetAsync(bot, $"/api/analytics/lessons.csv?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, overview.StatusCode);
        Assert.Contains(message, await overview.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, csv.StatusCode);
    }

    [Fact]
    public async Task Without_the_key_there_is_no_data_and_an_unknown_dataset_is_404()
    {
        await using var bot = await BotUnderTest.StartAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(bot, "/api/analytics/overview", key: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(bot, "/api/analytics/lessons.csv", key: "wrong")).StatusCode);
        var missing = await GetAsync(bot, "/api/analytics/salaries.csv");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("content-gaps", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_csv_datasets_agree_with_the_activity_quoted_as_rfc_4180()
    {
        await using var bot = await BotUnderTest.StartAsync();
        await SeedAsync(bot);
        await SayAsync(bot, "29:u2", "where is the \"good\" coffee, honestly");

        var gaps = await GetAsync(bot, $"/api/analytics/content-gaps.csv?from={Today}&to={Today}");
        var lessons = await (await GetAsync(bot, $"/api/analytics/lessons.csv?from={Today}&to={Today}")).Content.ReadAsStringAsync();
        var retention = await (await GetAsync(bot, "/api/analytics/retention.csv")).Content.ReadAsStringAsync();

        Assert.Equal("text/csv", gaps.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", gaps.Content.Headers.ContentType?.CharSet);
        var lines = (await gaps.Content.ReadAsStringAsync()).Split("\r\n");
        Assert.Equal("question,asked,last_asked,closest_lesson,redirect_topic", lines[0]);
        Assert.StartsWith("What's the capital of Mongolia?,2,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("\"where is the \"\"good\"\" coffee, honestly\",1,", lines[2], StringComparison.Ordinal);
        Assert.Equal("", lines[^1]);
        Assert.Equal(4, lines.Length);
        var rows = lessons.Split("\r\n");
        Assert.Equal("lesson_id,title,tags,answered,helpful,not_helpful", rows[0]);
        Assert.StartsWith("security-suspicious-links,", rows[1], StringComparison.Ordinal);
        Assert.EndsWith(",2,0,0", rows[1], StringComparison.Ordinal);
        Assert.EndsWith(",1,0,0", rows[2], StringComparison.Ordinal);
        Assert.Equal("topic,team,learners,predicted_recall,at_risk\r\n", retention);
    }

    [Fact]
    public async Task A_declined_question_is_answered_once_it_is_linked_to_a_lesson_and_leaves_the_inbox()
    {
        await using var bot = await BotUnderTest.StartAsync();
        await SeedAsync(bot);

        var linked = await PostAsync(bot, "/api/analytics/content-gaps/link", """{"question": "what's the capital of mongolia", "lessonId": "security-suspicious-links"}""");
        var again = await PostAsync(bot, "/api/analytics/content-gaps/link", """{"question": "what's the capital of mongolia", "lessonId": "security-suspicious-links"}""");
        var noLesson = await PostAsync(bot, "/api/analytics/content-gaps/link", """{"question": "x y z", "lessonId": "no-such-lesson"}""");
        await SayAsync(bot, "29:u3", "what's the capital of mongolia");

        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, noLesson.StatusCode);
        var card = bot.Connector.Requests[^1].Card!.Value.GetRawText();
        Assert.Contains("Spotting suspicious links", card, StringComparison.Ordinal);
        var questions = (await OverviewAsync(bot)).GetProperty("questions");
        Assert.Equal(6, questions.GetProperty("asked").GetInt32());
        Assert.Equal(4, questions.GetProperty("answered").GetInt32());
        var gaps = await (await GetAsync(bot, $"/api/analytics/content-gaps.csv?from={Today}&to={Today}")).Content.ReadAsStringAsync();
        Assert.Equal("question,asked,last_asked,closest_lesson,redirect_topic\r\n", gaps);
    }

    [Fact]
    public async Task Out_of_scope_is_stored_and_a_draft_is_a_lesson_skeleton_with_the_question()
    {
        await using var bot = await BotUnderTest.StartAsync();
        await SeedAsync(bot);

        var marked = await PostAsync(bot, "/api/analytics/content-gaps/out-of-scope", """{"question": "What's the capital of Mongolia?", "redirect": "an atlas"}""");
        var noRedirect = await PostAsync(bot, "/api/analytics/content-gaps/out-of-scope", """{"question": "anything"}""");
        var draft = await PostAsync(bot, "/api/analytics/content-gaps/draft", """{"question": "What's the capital of Mongolia?", "lessonId": "geo-capitals"}""");
        var malformed = await PostAsync(bot, "/api/analytics/content-gaps/draft", "{");

        Assert.Equal(HttpStatusCode.OK, marked.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, noRedirect.StatusCode);
        var markdown = await draft.Content.ReadAsStringAsync();
        Assert.StartsWith("---\nid: geo-capitals\n", markdown, StringComparison.Ordinal);
        Assert.Contains("- What's the capital of Mongolia?", markdown, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        var gaps = await (await GetAsync(bot, $"/api/analytics/content-gaps.csv?from={Today}&to={Today}")).Content.ReadAsStringAsync();
        Assert.Equal("question,asked,last_asked,closest_lesson,redirect_topic\r\n", gaps);
    }

    [Fact]
    public async Task Progress_shows_a_person_their_own_learning_in_Teams()
    {
        await using var bot = await BotUnderTest.StartAsync();
        await SeedAsync(bot);

        await SayAsync(bot, "29:sam", "progress");

        var text = bot.Connector.Requests[^1].Text;
        Assert.NotNull(text);
        Assert.Contains("My learning", text, StringComparison.Ordinal);
        Assert.Contains("Kudos received: 1", text, StringComparison.Ordinal);
        Assert.Contains("Lessons learned: 0", text, StringComparison.Ordinal);
        Assert.Contains("type **quiz** to start", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dashboard_shows_the_same_figures_to_the_dev_admin_on_this_machine()
    {
        await using var bot = await BotUnderTest.StartAsync(developmentMode: true);
        await SeedAsync(bot);

        var response = await bot.Http.GetAsync(new Uri($"/dashboard?from={Today}&to={Today}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<li id=\"active-learners\">Active learners<strong>5</strong></li>", html, StringComparison.Ordinal);
        Assert.Contains("<li id=\"questions-asked\">Questions asked<strong>5</strong></li>", html, StringComparison.Ordinal);
        Assert.Contains("<li id=\"questions-declined\">Not in the library<strong>2</strong></li>", html, StringComparison.Ordinal);
        Assert.Contains("<li id=\"recognitions-given\">Recognitions given<strong>1</strong></li>", html, StringComparison.Ordinal);
        Assert.Contains("<title id=\"answers-chart-title\">3 of 5 questions answered from the library</title>", html, StringComparison.Ordinal);
        Assert.Contains("<td>What&#39;s the capital of Mongolia?</td><td>2</td>", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_production_the_dashboard_answers_401_and_shows_no_data()
    {
        await using var bot = await BotUnderTest.StartAsync();
        await SeedAsync(bot);

        var response = await bot.Http.GetAsync(new Uri("/dashboard", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("Mongolia", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Core.Storage;
using LearningBot.Core.Debriefs;
using LearningBot.Testing.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.EndToEnd;

/// <summary>
/// The people directory through the real host: a CSV posted to /api/people, Teams accounts linked by the email the
/// Connector's member lookup gives, managers told apart by reporting lines, and the debrief form's people picker.
/// </summary>
public sealed class PeopleDirectoryEndToEndTests
{
    private const string AdaAad = "00000000-0000-0000-0000-0000000000ad";
    private const string People = """
        email,name,manager_email,team,role
        grace@example.com,Grace Hopper,,Platform,
        ada@example.com,Ada Lovelace,grace@example.com,Platform,engineer
        alan@example.com,Alan Turing,grace@example.com,Platform,engineer
        """;

    private static async Task<HttpResponseMessage> PostPeopleAsync(BotUnderTest bot, string csv, string contentType = "text/csv", string? key = BotUnderTest.ApiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/people") { Content = new StringContent(csv, Encoding.UTF8, contentType) };
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }
        return await bot.Http.SendAsync(request);
    }

    private static JsonObject FromGrace(JsonObject activity)
    {
        activity["from"] = new JsonObject { ["id"] = "29:grace", ["name"] = "Grace Hopper", ["aadObjectId"] = "aad-grace" };
        activity["conversation"] = new JsonObject { ["id"] = "a:personal-grace", ["conversationType"] = "personal", ["tenantId"] = BotUnderTest.TenantId };
        return activity;
    }

    private static void AddMembers(BotUnderTest bot)
    {
        bot.Connector.Members.Add(new FakeTeamsMember("29:grace", "Grace Hopper", "aad-grace", "grace@example.com"));
        bot.Connector.Members.Add(new FakeTeamsMember("29:ada", "Ada Lovelace", AdaAad, "Ada@Example.com"));
        bot.Connector.Members.Add(new FakeTeamsMember("29:alan", "Alan Turing", "aad-alan", "alan@example.com", BotUnderTest.TenantId));
    }

    [Fact]
    public async Task The_people_api_needs_the_key_and_csv_and_reports_each_bad_row()
    {
        await using var bot = await BotUnderTest.StartAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostPeopleAsync(bot, People, key: null)).StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await PostPeopleAsync(bot, People, "application/json")).StatusCode);
        var badHeader = await PostPeopleAsync(bot, "mail,who\nx@example.com,X\n");
        Assert.Equal(HttpStatusCode.BadRequest, badHeader.StatusCode);
        Assert.Contains("missing email", await badHeader.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var response = await PostPeopleAsync(bot, People + "\nnot-an-email,Nobody,,,\n");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, json.GetProperty("added").GetInt32());
        var error = Assert.Single(json.GetProperty("errors").EnumerateArray());
        Assert.Equal(5, error.GetProperty("line").GetInt32());
        Assert.Contains("not an email", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_teams_user_is_linked_by_email_and_a_non_manager_is_told_who_can_start_a_debrief()
    {
        await using var bot = await BotUnderTest.StartAsync();
        AddMembers(bot);
        Assert.Equal(HttpStatusCode.OK, (await PostPeopleAsync(bot, People)).StatusCode);

        await bot.SendAsync(bot.Message("1700000000300", "debrief"));

        Assert.Contains(AdaAad, bot.Connector.MemberLookups);
        Assert.Contains("Ask **Grace Hopper**, your manager", bot.Connector.Requests[^1].Text, StringComparison.Ordinal);
        await using var scope = bot.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LearningBotDbContext>();
        var ada = await db.People.Include(p => p.Accounts).SingleAsync(p => p.Email == "ada@example.com");
        Assert.Equal("29:ada", Assert.Single(ada.Accounts).ExternalId);
        Assert.Equal(3, await db.People.CountAsync());
    }

    [Fact]
    public async Task A_manager_starts_a_debrief_from_the_form_picking_people_with_the_teams_people_picker()
    {
        await using var bot = await BotUnderTest.StartAsync();
        AddMembers(bot);
        await PostPeopleAsync(bot, People);
        await bot.SendAsync(bot.Message("1700000000310", "hello")); // Ada has chatted with the bot; Alan has not

        await bot.SendAsync(FromGrace(bot.Message("1700000000311", "debrief")));
        var form = bot.SentCards()[^1];
        Assert.Equal("Start a debrief", BotUnderTest.Title(form));
        var picker = form.GetProperty("body").EnumerateArray().Single(e => e.TryGetProperty("id", out var id) && id.GetString() == "people");
        Assert.Equal("Input.ChoiceSet", picker.GetProperty("type").GetString());
        Assert.True(picker.GetProperty("isMultiSelect").GetBoolean());
        Assert.Equal("graph.microsoft.com/users", picker.GetProperty("choices.data").GetProperty("dataset").GetString());
        var start = form.GetProperty("actions")[0];

        var due = DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var invoke = FromGrace(bot.Activity("invoke", "f:start-1", a =>
        {
            var data = JsonNode.Parse(start.GetProperty("data").GetRawText())!.AsObject();
            data["project"] = "Apollo";
            data["people"] = $"{AdaAad},aad-alan"; // the picker's values: Entra object ids, comma-separated
            data["due"] = due;
            data["template"] = "standard";
            a["name"] = "adaptiveCard/action";
            a["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = start.GetProperty("verb").GetString(), ["data"] = data } };
        }));
        var response = await bot.SendAsync(invoke);

        var updated = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("value").GetRawText();
        Assert.Contains("Debrief started: Apollo", updated, StringComparison.Ordinal);
        Assert.True(updated.Contains("chatted with Alan Turing yet", StringComparison.Ordinal), updated);
        Assert.Contains("aad-alan", bot.Connector.MemberLookups);
        await using var scope = bot.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LearningBotDbContext>();
        var participants = await db.Set<DebriefParticipantRecord>().Select(p => p.PersonId).ToListAsync();
        var expected = await db.People.Where(p => p.Email == "ada@example.com" || p.Email == "alan@example.com").Select(p => p.Id).ToListAsync();
        Assert.Equal(expected.Order(), participants.Order());

        // Alan has never chatted with the bot: delivery opens a 1:1 chat with him (§3.3) and his card goes there.
        await bot.Services.GetRequiredService<LearningBot.Core.Outbox.OutboxDeliveryWorker>().DeliverDueMessagesOnceAsync(CancellationToken.None);
        var opened = Assert.Single(bot.Connector.Requests, r => r.Method == "POST" && r.Path.TrimEnd('/').EndsWith("/v3/conversations", StringComparison.Ordinal));
        Assert.Equal("29:alan", opened.Body!.Value.GetProperty("members")[0].GetProperty("id").GetString());
        Assert.Equal(BotUnderTest.TenantId, opened.Body.Value.GetProperty("tenantId").GetString());
        Assert.Contains(bot.Connector.Requests, r => r.RawTarget.Contains("a%3Afake-conversation-", StringComparison.Ordinal) && r.Card is { } card && BotUnderTest.Title(card) == "Debrief: Apollo");
        Assert.Contains(bot.Connector.Requests, r => r.RawTarget.Contains("a%3Apersonal-ada", StringComparison.Ordinal) && r.Card is { } card && BotUnderTest.Title(card) == "Debrief: Apollo");
    }
}

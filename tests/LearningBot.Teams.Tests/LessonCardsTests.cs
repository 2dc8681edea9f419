using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Core.Cards;
using LearningBot.Core.Knowledge;
using LearningBot.Core.Knowledge.Search;
using LearningBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Teams.Tests;

/// <summary>The knowledge cards with the repository's lessons, through /api/messages: refreshers, feedback, buttons.</summary>
public sealed class LessonCardsTests : IAsyncLifetime
{
    private const string FeedbackQuestion = "how do I give feedback to a peer without it getting awkward";
    private ProductionBot _bot = null!;

    public async Task InitializeAsync() => _bot = await ProductionBot.StartAsync(lessons: true);

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private async Task<JsonElement> AskAsync(string text, string id)
    {
        var before = _bot.Connector.Requests.Count;
        Assert.Equal(HttpStatusCode.OK, (await _bot.PostAsync(_bot.Message(text, id))).StatusCode);
        return Assert.Single(_bot.Connector.Requests.Skip(before)).Card!.Value;
    }

    private static IEnumerable<JsonElement> Elements(JsonElement node) => node.ValueKind switch
    {
        JsonValueKind.Object => new[] { node }.Concat(node.EnumerateObject().SelectMany(p => Elements(p.Value))),
        JsonValueKind.Array => node.EnumerateArray().SelectMany(Elements),
        _ => [],
    };

    [Fact]
    public async Task A_refresher_shows_whole_key_points_and_keeps_the_answer_hidden_until_clicked()
    {
        var card = await AskAsync("refresher giving feedback to a peer", "1700000000700");

        var visible = card.GetProperty("body").EnumerateArray().Where(b => b.GetProperty("type").GetString() == "TextBlock")
            .Select(b => b.GetProperty("text").GetString()!).ToList();
        Assert.Contains(visible, t => t.Contains("Check your aim. You want the work, or the collaboration, to go better. If you mostly want to vent, wait a day.", StringComparison.Ordinal));
        Assert.DoesNotContain(visible, t => t.StartsWith("Answer:", StringComparison.Ordinal));
        var hidden = Elements(card).Single(e => e.TryGetProperty("isVisible", out var v) && v.ValueKind == JsonValueKind.False);
        Assert.Contains("Answer: **", hidden.GetRawText(), StringComparison.Ordinal);
        var toggle = Elements(card).Single(e => e.TryGetProperty("type", out var t) && t.GetString() == "Action.ToggleVisibility");
        Assert.Equal(hidden.GetProperty("id").GetString(), toggle.GetProperty("targetElements")[0].GetString());
        Assert.Equal("Show the answer", toggle.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Feedback_is_one_vote_that_a_second_click_does_not_repeat_and_the_other_button_changes()
    {
        var answer = await AskAsync(FeedbackQuestion, "1700000000710");
        JsonObject Data(string verb) => JsonNode.Parse(answer.GetProperty("actions").EnumerateArray()
            .First(a => a.GetProperty("verb").GetString() == KnowledgeVerbs.Feedback && a.GetProperty("title").GetString()!.Contains(verb, StringComparison.Ordinal))
            .GetProperty("data").GetRawText())!.AsObject();
        var texts = new List<string?>();
        var shownVotes = new List<string?>();
        async Task ClickAsync(string which, string id)
        {
            var before = _bot.Connector.Requests.Count;
            var response = await _bot.PostAsync(TestActivities.CardActionInvoke(_bot.Connector.ServiceUrl, KnowledgeVerbs.Feedback, Data(which), id));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var sent = _bot.Connector.Requests.Skip(before).ToList();
            texts.Add(string.Join(" | ", sent.Where(r => r.Method == "POST").Select(r => r.Text)));
            // The answer card itself, updated in place (PUT), says which vote counts.
            shownVotes.Add(sent.Where(r => r.Method == "PUT").Select(r => r.Card!.Value.GetProperty("body").EnumerateArray()
                .Select(b => b.TryGetProperty("text", out var t) ? t.GetString() : null)
                .LastOrDefault(t => t?.StartsWith("Your vote", StringComparison.Ordinal) == true)).SingleOrDefault());
        }

        await ClickAsync("👍", "f:vote-1");
        var taught = await AskedViewsAsync();
        await ClickAsync("👍", "f:vote-2");
        await ClickAsync("👎", "f:vote-3");
        await ClickAsync("👎", "f:vote-4");

        Assert.Equal(["Thanks — glad it helped! 🙌", "", "Changed your vote to 👎 — thanks for saying so; I've passed it on to the people who write the lessons.", ""], texts);
        Assert.Equal(["Your vote: **👍 helpful**. Changed your mind? Press 👎.", null, "Your vote: **👎 not helpful**. Changed your mind? Press 👍.", null], shownVotes);
        Assert.Equal(1, taught);
        await using var scope = _bot.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LearningBotDbContext>();
        var vote = Assert.Single(await db.AnswerFeedback.ToListAsync());
        Assert.False(vote.Helpful);
        Assert.Equal(0, await AskedViewsAsync());
    }

    [Fact]
    public async Task In_a_channel_the_shared_answer_card_is_not_redrawn_with_one_persons_vote()
    {
        var answer = await AskAsync(FeedbackQuestion, "1700000000730");
        var data = JsonNode.Parse(answer.GetProperty("actions").EnumerateArray()
            .First(a => a.GetProperty("verb").GetString() == KnowledgeVerbs.Feedback).GetProperty("data").GetRawText())!.AsObject();
        var click = TestActivities.CardActionInvoke(_bot.Connector.ServiceUrl, KnowledgeVerbs.Feedback, data, "f:vote-channel");
        click["conversation"] = new JsonObject { ["id"] = "19:general@thread.tacv2", ["conversationType"] = "channel", ["isGroup"] = true, ["tenantId"] = click["conversation"]!["tenantId"]?.DeepClone() };
        var before = _bot.Connector.Requests.Count;

        Assert.Equal(HttpStatusCode.OK, (await _bot.PostAsync(click)).StatusCode);

        var sent = _bot.Connector.Requests.Skip(before).ToList();
        Assert.DoesNotContain(sent, r => r.Method == "PUT");
        Assert.Contains(sent, r => r.Text == "Thanks — glad it helped! 🙌");
    }

    private async Task<int> AskedViewsAsync()
    {
        await using var scope = _bot.Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LearningBotDbContext>().LessonViews.CountAsync(v => v.Kind == LessonViews.Asked);
    }

    [Fact]
    public async Task Every_button_title_on_an_answer_fits_including_see_also()
    {
        var answer = await AskAsync(FeedbackQuestion, "1700000000720");

        var titles = answer.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("title").GetString()!).ToList();
        Assert.All(titles, t => Assert.InRange(t.Length, 1, CardAction.MaxTitleLength));
        Assert.Contains(titles, t => t.StartsWith("See also: ", StringComparison.Ordinal));
    }
}

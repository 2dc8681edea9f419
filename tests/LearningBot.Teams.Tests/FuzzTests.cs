using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LearningBot.Core.Knowledge;
using LearningBot.Core.Storage;
using LearningBot.Testing.Fuzzing;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Teams.Tests;

/// <summary>
/// Seeded mutations of what Teams sends, from an authenticated caller: no body is ever answered with a 5xx, and a body
/// that is refused (4xx) stores and queues nothing. The one 5xx Teams expects is 501 for an invoke nobody handles
/// (teams-protocol.md §4.4), and it changes nothing either. A mutation that is still a well-formed activity is a turn
/// like any other.
/// </summary>
public sealed class FuzzTests
{
    private const int Seed = 20261203;
    private const int Inputs = 2000;

    [Fact]
    public async Task Mutated_activities_never_get_a_5xx_and_a_refused_one_changes_nothing()
    {
        await using var bot = await ProductionBot.StartAsync(lessons: true);
        var url = bot.Connector.ServiceUrl;
        JsonObject[] seeds =
        [
            bot.Message("how do I give feedback?"),
            TestActivities.CardActionInvoke(url, KnowledgeVerbs.Feedback, new JsonObject { ["lessonId"] = "giving-feedback", ["helpful"] = "true" }),
            TestActivities.Base("conversationUpdate", url, id: "f:added").With("membersAdded", new JsonArray(new JsonObject { ["id"] = "29:new", ["name"] = "New" })),
            TestActivities.Base("messageReaction", url, id: "f:reaction").With("reactionsAdded", new JsonArray(new JsonObject { ["type"] = "like" })).With("replyToId", "card-message-1"),
            TestActivities.Base("installationUpdate", url, id: "f:install").With("action", "add"),
        ];
        var token = bot.Token(bot.ValidToken());
        var fuzzer = new JsonFuzzer(Seed);
        var problems = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        var before = await CountsAsync(bot);

        for (var i = 0; i < Inputs; i++)
        {
            var body = fuzzer.Mutate(seeds[i % seeds.Length]);
            using var response = await bot.Host.PostBytesAsync(body, token);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var after = await CountsAsync(bot);
            if (status >= 500 && status != (int)HttpStatusCode.NotImplemented)
            {
                problems.Add($"#{i} {status}: {Excerpt(body)}");
            }
            else if (status >= 400 && DatabaseCounts.Differences(before, after) is { Count: > 0 } changed)
            {
                problems.Add($"#{i} {status} changed {string.Join(", ", changed)}: {Excerpt(body)}");
            }
            before = after;
        }

        Assert.True(problems.Count == 0, $"{problems.Count} of {Inputs} (statuses {string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"))}):\n" + string.Join("\n", problems.Take(20)));
        Assert.True(statuses.Keys.Count(s => s >= 400) >= 2, "the mutations reach more than one kind of refusal");
        using var healthy = await bot.PostAsync(bot.Message("how do I give feedback?", "after-fuzz"));
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
    }

    private static async Task<IReadOnlyDictionary<string, long>> CountsAsync(ProductionBot bot)
    {
        await using var scope = bot.Host.Services.CreateAsyncScope();
        return await DatabaseCounts.TakeAsync(scope.ServiceProvider.GetRequiredService<LearningBotDbContext>());
    }

    private static string Excerpt(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        return text.Length <= 300 ? text : text[..300] + "…";
    }
}

using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LearningBot.Slack.Cards;
using LearningBot.Testing.Fakes;
using LearningBot.Testing.Fuzzing;
using Microsoft.Extensions.Logging;

namespace LearningBot.Slack.Tests;

/// <summary>
/// Seeded mutations of what Slack sends, correctly signed so they reach the parsers: events, slash commands and
/// interactions are never answered with a 5xx, a refused one (4xx) stores and queues nothing, and the work queued
/// for an accepted one never fails with an error.
/// </summary>
public sealed class FuzzTests() : SlackBotTests(lessons: true)
{
    private const int Seed = 20261203;
    private const string Json = "application/json";
    private const string FormType = "application/x-www-form-urlencoded";

    [Fact]
    public async Task Mutated_events_never_get_a_5xx_and_a_refused_one_changes_nothing()
    {
        JsonNode[] seeds =
        [
            SlackPayloads.EventCallback(SlackPayloads.DirectMessage("how do I give feedback?"), "EvDM"),
            SlackPayloads.EventCallback(SlackPayloads.Mention($"<@{FakeSlackApi.BotUserId}> what is phishing?"), "EvMention"),
            SlackPayloads.EventCallback(new JsonObject
            {
                ["type"] = "reaction_added", ["user"] = SlackPayloads.UserId, ["reaction"] = "tada", ["item_user"] = "U0GRACE",
                ["item"] = new JsonObject { ["type"] = "message", ["channel"] = SlackPayloads.Channel, ["ts"] = "1700000000.000100" },
                ["event_ts"] = "1700000001.000100",
            }, "EvReaction"),
            new JsonObject { ["token"] = "deprecated", ["challenge"] = "abc", ["type"] = "url_verification" },
        ];
        var fuzzer = new JsonFuzzer(Seed);

        await FuzzAsync(1500, i => ("/slack/events", fuzzer.Mutate(seeds[i % seeds.Length]), Json));
    }

    [Fact]
    public async Task Mutated_slash_commands_never_get_a_5xx_and_a_refused_one_changes_nothing()
    {
        var seeds = new[] { "/refresher feedback", "/kudos <@U0GRACE|grace> for the review", "/learn quiz", "/debrief Apollo <@U0GRACE|grace> by 2099-01-15" }
            .Select(c => SlackPayloads.Command(c.Split(' ')[0], c[(c.IndexOf(' ', StringComparison.Ordinal) + 1)..], Slack.ResponseUrl()))
            .ToArray();
        var fuzzer = new JsonFuzzer(Seed);
        var random = new Random(Seed);

        await FuzzAsync(1000, i =>
        {
            var fields = new Dictionary<string, string>(seeds[i % seeds.Length]);
            var key = fields.Keys.ElementAt(random.Next(fields.Count));
            switch (random.Next(3))
            {
                case 0: fields[key] = fuzzer.FieldValue(); break;
                case 1: fields.Remove(key); break;
                default: fields[key + "[]"] = fuzzer.FieldValue(); break;
            }
            var form = SlackBotHost.Form(fields);
            // Percent-encoded bytes that are no UTF-8 at all, or a lone surrogate's encoding.
            form = random.Next(4) == 0 ? form.Replace("text=", "text=%ED%A0%80%FF", StringComparison.Ordinal) : form;
            var bytes = Encoding.UTF8.GetBytes(form);
            return ("/slack/commands", random.Next(6) == 0 ? fuzzer.Splice(bytes) : bytes, FormType);
        });
    }

    [Fact]
    public async Task Mutated_interactions_never_get_a_5xx_and_a_refused_one_changes_nothing()
    {
        JsonNode[] seeds =
        [
            SlackPayloads.BlockAction("lb:0:knowledge.feedback", BlockKitRenderer.ButtonValue("knowledge.feedback", new Dictionary<string, string> { ["lessonId"] = "giving-feedback", ["helpful"] = "true" }), Slack.ResponseUrl()),
            SlackPayloads.BlockAction("lb:0:unknown.verb", "{}", Slack.ResponseUrl()),
            new JsonObject
            {
                ["type"] = "view_submission",
                ["team"] = new JsonObject { ["id"] = FakeSlackApi.TeamId },
                ["user"] = new JsonObject { ["id"] = SlackPayloads.UserId, ["team_id"] = FakeSlackApi.TeamId },
                ["view"] = new JsonObject { ["id"] = "V1", ["callback_id"] = "lb:quiz.settings", ["private_metadata"] = "{}", ["state"] = new JsonObject { ["values"] = new JsonObject() } },
            },
            new JsonObject { ["type"] = "shortcut", ["callback_id"] = "lb:recognise", ["trigger_id"] = "t1", ["user"] = new JsonObject { ["id"] = SlackPayloads.UserId } },
        ];
        var fuzzer = new JsonFuzzer(Seed);

        await FuzzAsync(1500, i =>
        {
            var json = fuzzer.Mutate(seeds[i % seeds.Length]);
            // The payload is percent-encoded byte by byte, invalid UTF-8 included.
            var form = "payload=" + string.Concat(json.Select(b => $"%{b:X2}"));
            return ("/slack/interactions", Encoding.ASCII.GetBytes(form), FormType);
        });
    }

    private async Task FuzzAsync(int inputs, Func<int, (string Path, byte[] Body, string ContentType)> next)
    {
        var problems = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        var before = await Bot.WithDbAsync(db => DatabaseCounts.TakeAsync(db));
        for (var i = 0; i < inputs; i++)
        {
            var (path, body, contentType) = next(i);
            using var response = await Bot.PostAsync(path, body, contentType);
            await Bot.ProcessedAsync();
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var after = await Bot.WithDbAsync(db => DatabaseCounts.TakeAsync(db));
            if (status >= 500)
            {
                problems.Add($"#{i} {status}: {Excerpt(body)}");
            }
            else if (status >= 400 && DatabaseCounts.Differences(before, after) is { Count: > 0 } changed)
            {
                problems.Add($"#{i} {status} changed {string.Join(", ", changed)}: {Excerpt(body)}");
            }
            before = after;
        }
        var errors = Bot.Logs.Entries.Where(e => e.Level >= LogLevel.Error).Select(e => e.Message).Distinct().ToList();

        Assert.True(problems.Count == 0, $"{problems.Count} of {inputs} (statuses {string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"))}):\n" + string.Join("\n", problems.Take(20)));
        Assert.True(errors.Count == 0, "queued work failed:\n" + string.Join("\n", errors.Take(10)));
        Assert.True(statuses.Keys.Count(s => s >= 400) >= 1 && statuses.ContainsKey(200), "the mutations are both refused and accepted");
    }

    private static string Excerpt(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        return text.Length <= 300 ? text : text[..300] + "…";
    }
}

using System.Net;
using System.Text.Json;
using LearningBot.Core.Circles;
using LearningBot.Core.Debriefs;
using LearningBot.Data.Circles;
using LearningBot.Data.Debriefs;
using LearningBot.Testing.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace LearningBot.Slack.Tests;

/// <summary>/circle and /debrief through the real Slack endpoint: escaped mentions (should_escape) reach the core as people.</summary>
public sealed class CirclesAndDebriefsSlackTests : IAsyncLifetime
{
    private FakeSlackApi _slack = null!;
    private SlackBotHost _bot = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LearningBot:Debriefs:SchedulingEnabled"] = "false",
            ["LearningBot:Circles:SchedulingEnabled"] = "false",
        }).Build();
        _bot = await SlackBotHost.StartAsync(_slack, services: s => s.AddDebriefs(settings).AddCircles(settings));
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task Slash_circle_create_in_a_channel_makes_the_mentioned_people_members_and_answers_ephemerally()
    {
        using var response = await _bot.PostCommandAsync(SlackPayloads.Command("/circle", "create Design Crit about accessible forms <@U0LINUS|linus> <@U0GRACE|grace> weekly Thu 10:00", _slack.ResponseUrl()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ephemeral", body.RootElement.GetProperty("response_type").GetString());
        Assert.Contains("Circle created: Design Crit", body.RootElement.GetRawText(), StringComparison.Ordinal);
        var circle = await _bot.WithDbAsync(db => db.Set<CircleRecord>().SingleAsync());
        Assert.Equal(SlackPayloads.Channel, circle.ConversationId);
        Assert.Equal(3, await _bot.WithDbAsync(db => db.Set<CircleMemberRecord>().CountAsync()));
    }

    [Fact]
    public async Task Slash_debrief_with_escaped_mentions_starts_a_debrief_for_those_people()
    {
        _slack.Users["U0LINUS"] = "linus";
        _slack.Users["U0GRACE"] = "grace";
        using var response = await _bot.PostCommandAsync(SlackPayloads.Command("/debrief", "Apollo <@U0LINUS|linus> <@U0GRACE|grace> by 2099-01-15", _slack.ResponseUrl()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Debrief started: Apollo", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(["grace", "linus"], await _bot.WithDbAsync(db => db.Set<DebriefParticipantRecord>().Select(p => p.Name).OrderBy(n => n).ToListAsync()));
    }
}

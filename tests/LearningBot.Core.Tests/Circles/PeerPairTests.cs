using LearningBot.Core.Cards;
using LearningBot.Core.Circles;
using LearningBot.Core.Conversations;
using LearningBot.Core.Tests.Debriefs;
using Microsoft.EntityFrameworkCore;

namespace LearningBot.Core.Tests.Circles;

public sealed class PeerPairTests
{
    private static IEnumerable<(Guid, Guid)> TwoByTwo(IReadOnlyList<Guid> members) =>
        from a in members from b in members where a.CompareTo(b) < 0 select (a, b);

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(6)]
    [InlineData(8)]
    public void With_an_even_count_no_pair_repeats_until_every_pair_has_met(int count)
    {
        var members = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToList();
        var met = new List<(Guid, Guid)>();
        for (var turn = 0; turn < count - 1; turn++)
        {
            var pairs = CircleRotation.Pairs(members, turn);
            Assert.Equal(count / 2, pairs.Count);
            Assert.Equal(members.Order(), pairs.SelectMany(p => p).Order());
            met.AddRange(pairs.SelectMany(TwoByTwo));
        }

        Assert.Equal(count * (count - 1) / 2, met.Distinct().Count());
        Assert.Equal(met.Count, met.Distinct().Count());
        Assert.Equal(CircleRotation.Pairs(members, 0).Select(p => p.ToList()), CircleRotation.Pairs(members, count - 1).Select(p => p.ToList()));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    public void With_an_odd_count_one_trio_keeps_everyone_paired_and_every_pair_meets_within_n_rounds(int count)
    {
        var members = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToList();
        var met = new HashSet<(Guid, Guid)>();
        for (var turn = 0; turn < count; turn++)
        {
            var pairs = CircleRotation.Pairs(members, turn);
            Assert.Equal(members.Order(), pairs.SelectMany(p => p).Order());
            Assert.Single(pairs, p => p.Count == 3);
            met.UnionWith(pairs.SelectMany(TwoByTwo));
        }

        Assert.Equal(count * (count - 1) / 2, met.Count);
    }

    [Fact]
    public async Task A_circle_with_pairs_names_a_new_pair_for_everyone_each_round_in_the_round_up()
    {
        await using var bed = await DebriefTestBed.CreateAsync(features: [new CircleFeature()]);
        var grace = await bed.PersonAsync("Grace");
        foreach (var name in new[] { "Ada", "Linus", "Alan" })
        {
            await bed.PersonAsync(name);
        }
        var created = await bed.SayAsync(grace, "circle create Pairs Club about testing <at>Ada</at> <at>Linus</at> <at>Alan</at> weekly Thu 10:00 with pairs",
            [DebriefTestBed.Mention("Ada"), DebriefTestBed.Mention("Linus"), DebriefTestBed.Mention("Alan")], new TurnConversation("19:pairs", ConversationType.GroupChat));
        Assert.Equal("yes, a new pair each round", created.Messages.Single().Card!.Body.OfType<FactsElement>().Single().Facts.Single(f => f.Label == "Peer pairs").Value);

        var meeting = new DateTimeOffset(2026, 11, 5, 9, 0, 0, TimeSpan.Zero);
        var seen = new List<string>();
        for (var round = 0; round < 3; round++)
        {
            bed.Clock.SetUtcNow(meeting - TimeSpan.FromDays(1));
            await bed.With<CircleScheduler, CircleRunReport>(s => s.RunAsync(CancellationToken.None));
            bed.Clock.SetUtcNow(meeting - TimeSpan.FromMinutes(30));
            await bed.With<CircleScheduler, CircleRunReport>(s => s.RunAsync(CancellationToken.None));
            var roundUp = (await bed.DeliverAsync()).Single(d => d.ConversationId == "19:pairs").Card!;
            var heading = roundUp.Body.ToList().FindIndex(e => e is HeadingElement { Text: "Peer pairs this round" });
            var lines = ((TextElement)roundUp.Body[heading + 1]).Text.Split('\n');
            Assert.Equal(2, lines.Length);
            seen.AddRange(lines.Select(l => string.Join(" & ", l.TrimStart('-', ' ').Split(" & ").Order())));
            meeting = meeting.AddDays(7);
        }

        Assert.Equal(6, seen.Distinct().Count());
        Assert.Equal(3, await bed.QueryAsync(db => db.Set<CircleRoundRecord>().CountAsync(r => r.Pairs != null)));
    }
}

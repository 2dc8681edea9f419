using LearningBot.Core.Cards;
using LearningBot.Core.Circles;
using LearningBot.Core.Conversations;
using LearningBot.Core.Tests.Debriefs;
using Microsoft.EntityFrameworkCore;

namespace LearningBot.Core.Tests.Circles;

public sealed class CircleTests
{
    private static readonly TurnConversation GroupChat = new("19:group-chat", ConversationType.GroupChat);

    /// <summary>Thursday 5 November 2026, 10:00 in Berlin.</summary>
    private static readonly DateTimeOffset FirstMeeting = new(2026, 11, 5, 9, 0, 0, TimeSpan.Zero);

    private static async Task<(DebriefTestBed Bed, Guid Grace, Guid Ada, Guid Linus)> CircleAsync()
    {
        var bed = await DebriefTestBed.CreateAsync(features: [new CircleFeature()]);
        var grace = await bed.PersonAsync("Grace");
        var ada = await bed.PersonAsync("Ada");
        var linus = await bed.PersonAsync("Linus");
        var reply = await bed.SayAsync(grace, "circle create Design Crit about accessible forms <at>Ada</at> <at>Linus</at> weekly Thursday 10:00",
            [DebriefTestBed.Mention("Ada"), DebriefTestBed.Mention("Linus")], GroupChat);
        var created = reply.Messages.Single().Card!;
        Assert.Equal("Circle created: Design Crit", created.Title);
        Assert.Equal("Grace, Ada, Linus", created.Body.OfType<FactsElement>().Single().Facts.Single(f => f.Label == "Members").Value);
        return (bed, grace, ada, linus);
    }

    private static Task<CircleRunReport> RunAsync(DebriefTestBed bed) => bed.With<CircleScheduler, CircleRunReport>(s => s.RunAsync(CancellationToken.None));

    private static IReadOnlyDictionary<string, string> CheckIn(string learned, string stuck = "", string next = "") =>
        new Dictionary<string, string> { [CircleCards.LearnedInput] = learned, [CircleCards.StuckInput] = stuck, [CircleCards.TryNextInput] = next };

    [Fact]
    public async Task A_round_sends_check_in_cards_then_a_round_up_to_the_circles_chat_pairing_stuck_with_someone_who_learned_about_it()
    {
        var (bed, grace, ada, linus) = await CircleAsync();
        await using var _ = bed;

        Assert.Equal(0, (await RunAsync(bed)).RoundsOpened);
        bed.Clock.SetUtcNow(FirstMeeting - TimeSpan.FromDays(1));
        Assert.Equal(new CircleRunReport(1, 3, 0), await RunAsync(bed));
        Assert.Equal(new CircleRunReport(0, 0, 0), await RunAsync(bed));
        var cards = await bed.DeliverAsync();
        Assert.Equal(new[] { grace, ada, linus }.Order(), cards.Select(c => c.PersonId).Order());

        var check = cards[0].Card!.Actions.Single();
        await bed.PressAsync(ada, check, CheckIn("", stuck: "writing error messages for form validation", next: "ask the team"));
        var linusReply = await bed.PressAsync(linus, check, CheckIn("Good error messages say which field and how to fix it"));
        Assert.Contains("Checked in", linusReply.UpdatedCard!.Body.OfType<TextElement>().Last().Text, StringComparison.Ordinal);

        bed.Clock.SetUtcNow(FirstMeeting - TimeSpan.FromMinutes(30));
        Assert.Equal(1, (await RunAsync(bed)).RoundUpsQueued);
        var roundUp = (await bed.DeliverAsync()).Single();

        Assert.Equal("19:group-chat", roundUp.ConversationId);
        Assert.Equal("Design Crit — round 1", roundUp.Card!.Title);
        var facts = roundUp.Card.Body.OfType<FactsElement>().Single().Facts;
        Assert.Equal("Grace", facts.Single(f => f.Label == "Facilitator").Value);
        Assert.Equal("2 of 3", facts.Single(f => f.Label == "Checked in").Value);
        Assert.Contains(roundUp.Card.Body.OfType<TextElement>(), t => t.Text.Contains("**Ada** (stuck on _writing error messages for form validation_) → **Linus**", StringComparison.Ordinal));
        Assert.Contains(roundUp.Card.Body.OfType<TextElement>(), t => t.Text == "Not heard from this round: Grace.");
    }

    [Fact]
    public async Task Facilitators_rotate_so_nobody_facilitates_twice_before_everyone_has_once()
    {
        var (bed, grace, ada, linus) = await CircleAsync();
        await using var _ = bed;
        var facilitators = new List<Guid?>();
        var meeting = FirstMeeting;
        for (var round = 1; round <= 6; round++)
        {
            bed.Clock.SetUtcNow(meeting - TimeSpan.FromDays(1));
            await RunAsync(bed);
            bed.Clock.SetUtcNow(meeting - TimeSpan.FromMinutes(30));
            await RunAsync(bed);
            var number = round;
            facilitators.Add(await bed.QueryAsync(db => db.Set<CircleRoundRecord>().Where(r => r.Number == number).Select(r => r.FacilitatorPersonId).SingleAsync()));
            meeting = meeting.AddDays(7);
        }

        Assert.Equal(3, facilitators.Take(3).Distinct().Count());
        Assert.Equal(facilitators.Take(3), facilitators.Skip(3));
        Assert.Equal(6, await bed.QueryAsync(db => db.Set<CircleRoundRecord>().CountAsync()));
    }

    [Fact]
    public async Task A_member_who_skips_a_round_gets_no_card_and_does_not_facilitate_it()
    {
        var (bed, grace, ada, linus) = await CircleAsync();
        await using var _ = bed;

        var skip = await bed.SayAsync(grace, "circle skip Design Crit");
        Assert.Contains("sitting out the next round", skip.Messages.Single().Text, StringComparison.Ordinal);
        bed.Clock.SetUtcNow(FirstMeeting - TimeSpan.FromDays(1));
        await RunAsync(bed);
        Assert.Equal(new[] { ada, linus }.Order(), (await bed.DeliverAsync()).Select(c => c.PersonId).Order());
        bed.Clock.SetUtcNow(FirstMeeting - TimeSpan.FromMinutes(30));
        await RunAsync(bed);

        Assert.Equal(ada, await bed.QueryAsync(db => db.Set<CircleRoundRecord>().Select(r => r.FacilitatorPersonId).SingleAsync()));
        Assert.Null(await bed.QueryAsync(db => db.Set<CircleMemberRecord>().Where(m => m.PersonId == grace).Select(m => m.SkipsRound).SingleAsync()));
    }

    [Fact]
    public async Task Circle_create_on_its_own_shows_a_form_whose_submission_creates_the_circle_once()
    {
        await using var bed = await DebriefTestBed.CreateAsync(features: [new CircleFeature()]);
        var grace = await bed.PersonAsync("Grace");

        var form = Assert.Single((await bed.SayAsync(grace, "circle create", conversation: GroupChat)).Messages).Card!;
        Assert.Equal(["name", "topic", "members", "cadence", "day", "time", "pairs"], form.Body.OfType<InputElement>().Select(i => i.Id));
        Assert.True(form.Body.OfType<PeopleInputElement>().Single().ConversationMembersOnly);
        var create = form.Actions.Single();

        var incomplete = await bed.PressAsync(grace, create, new Dictionary<string, string> { ["name"] = "Design Crit" }, GroupChat);
        Assert.Contains("Please fill in topic", Assert.Single(incomplete.Messages).Text, StringComparison.Ordinal);
        var ada = await bed.PersonAsync("Ada");
        var inputs = new Dictionary<string, string>
        {
            ["name"] = "Design Crit", ["topic"] = "accessible forms", ["members"] = "29:ada", ["cadence"] = "biweekly", ["day"] = "Thursday", ["time"] = "10:00", ["pairs"] = "yes",
        };
        var created = await bed.PressAsync(grace, create, inputs, GroupChat);
        var again = await bed.PressAsync(grace, create, inputs, GroupChat);

        Assert.Equal("Circle created: Design Crit", Assert.Single(created.Messages).Card!.Title);
        Assert.Contains("already a circle called", Assert.Single(again.Messages).Text, StringComparison.Ordinal);
        var circle = await bed.QueryAsync(db => db.Set<CircleRecord>().SingleAsync());
        Assert.Equal((nameof(CircleCadence.Biweekly), true), (circle.Cadence, circle.PeerPairs));
        Assert.Equal(new[] { grace, ada }.Order(), (await bed.QueryAsync(db => db.Set<CircleMemberRecord>().Select(m => m.PersonId).ToListAsync())).Order());
    }

    [Fact]
    public async Task A_double_clicked_check_in_counts_once_and_an_empty_one_gets_a_helpful_error()
    {
        var (bed, _, ada, _) = await CircleAsync();
        await using var _bed = bed;
        bed.Clock.SetUtcNow(FirstMeeting - TimeSpan.FromDays(1));
        await RunAsync(bed);
        var check = (await bed.DeliverAsync()).First(c => c.PersonId == ada).Card!.Actions.Single();

        var empty = await bed.PressAsync(ada, check, CheckIn(" "));
        Assert.Contains(empty.UpdatedCard!.Body.OfType<TextElement>(), t => t.Text.StartsWith("⚠ Write what you learned", StringComparison.Ordinal));
        await bed.PressAsync(ada, check, CheckIn("Labels beat placeholders"));
        await bed.PressAsync(ada, check, CheckIn("Labels beat placeholders"));

        Assert.Equal(1, await bed.QueryAsync(db => db.Set<CircleCheckInRecord>().CountAsync()));
    }

    [Fact]
    public async Task A_member_who_ignores_three_rounds_is_asked_kindly_whether_to_pause_once()
    {
        var (bed, grace, ada, linus) = await CircleAsync();
        await using var _ = bed;
        var meeting = FirstMeeting;
        var asks = new List<Delivered>();
        for (var round = 1; round <= 4; round++)
        {
            bed.Clock.SetUtcNow(meeting - TimeSpan.FromDays(1));
            await RunAsync(bed);
            var cards = await bed.DeliverAsync();
            foreach (var person in new[] { grace, ada })
            {
                await bed.PressAsync(person, cards.First(c => c.PersonId == person).Card!.Actions.Single(), CheckIn("something new"));
            }
            bed.Clock.SetUtcNow(meeting - TimeSpan.FromMinutes(30));
            await RunAsync(bed);
            asks.AddRange((await bed.DeliverAsync()).Where(d => d.Text is not null));
            meeting = meeting.AddDays(7);
        }

        var ask = Assert.Single(asks);
        Assert.Equal(linus, ask.PersonId);
        Assert.Contains("circle pause Design Crit", ask.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Joining_leaving_and_pausing_change_who_gets_check_in_cards()
    {
        var (bed, grace, ada, linus) = await CircleAsync();
        await using var _ = bed;
        var alan = await bed.PersonAsync("Alan");

        Assert.Contains("Welcome to **Design Crit**", (await bed.SayAsync(alan, "circle join design crit")).Messages.Single().Text, StringComparison.Ordinal);
        Assert.Contains("You've left", (await bed.SayAsync(ada, "circle leave Design Crit")).Messages.Single().Text, StringComparison.Ordinal);
        Assert.Contains("paused for you", (await bed.SayAsync(linus, "circle pause Design Crit")).Messages.Single().Text, StringComparison.Ordinal);
        bed.Clock.SetUtcNow(FirstMeeting - TimeSpan.FromDays(1));
        await RunAsync(bed);

        Assert.Equal(new[] { grace, alan }.Order(), (await bed.DeliverAsync()).Select(c => c.PersonId).Order());
    }

    [Fact]
    public async Task Creating_a_circle_in_a_1_1_chat_or_without_a_schedule_explains_what_to_do()
    {
        await using var bed = await DebriefTestBed.CreateAsync(features: [new CircleFeature()]);
        var grace = await bed.PersonAsync("Grace");

        var personal = await bed.SayAsync(grace, "circle create Design Crit about forms weekly Thursday 10:00");
        var unreadable = await bed.SayAsync(grace, "circle create Design Crit about forms sometimes", conversation: GroupChat);
        var badTime = await bed.SayAsync(grace, "circle create Design Crit about forms weekly Thursday 25:00", conversation: GroupChat);

        Assert.Contains("group chat or channel", personal.Messages.Single().Text, StringComparison.Ordinal);
        Assert.Contains("I couldn't read that", unreadable.Messages.Single().Text, StringComparison.Ordinal);
        Assert.Contains("isn't a time", badTime.Messages.Single().Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CircleCadence.Weekly, "2026-11-12T09:00:00Z")]
    [InlineData(CircleCadence.Biweekly, "2026-11-19T09:00:00Z")]
    [InlineData(CircleCadence.Monthly, "2026-12-03T09:00:00Z")]
    public void The_meeting_after_the_first_follows_the_cadence_in_local_time(CircleCadence cadence, string expected)
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            CircleCalendar.Following(FirstMeeting, cadence, DayOfWeek.Thursday, new TimeOnly(10, 0), berlin));
    }

    [Fact]
    public void A_weekly_meeting_keeps_its_local_time_across_the_daylight_saving_change()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var before = new DateTimeOffset(2026, 3, 26, 9, 0, 0, TimeSpan.Zero); // Thu 10:00 CET

        Assert.Equal(new DateTimeOffset(2026, 4, 2, 8, 0, 0, TimeSpan.Zero), CircleCalendar.Following(before, CircleCadence.Weekly, DayOfWeek.Thursday, new TimeOnly(10, 0), berlin));
    }
}

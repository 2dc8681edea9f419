using System.Globalization;
using LearningBot.Core.Cards;
using LearningBot.Core.Kernel;

namespace LearningBot.Core.Circles;

/// <summary>A check-in as the round-up shows it.</summary>
public sealed record CircleCheckInView(string Name, string Learned, string Stuck, string TryNext);

/// <summary>A member stuck on something, and a member whose recent learning covers it.</summary>
public sealed record CirclePairing(string Stuck, string StuckOn, string Helper, string HelperLearned);

/// <summary>The cards of learning circles: the check-in form, the round-up and the create form, with their input ids.</summary>
public static class CircleCards
{
    public const string RoundKey = "roundId";
    public const string LearnedInput = "learned";
    public const string StuckInput = "stuck";
    public const string TryNextInput = "tryNext";

    public static Card CheckIn(CircleRecord circle, CircleRoundRecord round, CircleCheckInRecord? current = null, string? error = null, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(circle);
        ArgumentNullException.ThrowIfNull(round);
        var body = new List<CardElement>
        {
            new TextElement($"**{circle.Name}** meets {When(round.MeetingAt, circle)}. Share a line or two so the round-up can bring you together on it."),
        };
        if (error is not null)
        {
            body.Add(new TextElement($"⚠ {error}"));
        }
        body.Add(new TextInputElement(LearnedInput, "What I learned") { Multiline = true, Value = current?.Learned, MaxLength = 1000 });
        body.Add(new TextInputElement(StuckInput, "What I'm stuck on") { Multiline = true, Value = current?.Stuck, MaxLength = 1000 });
        body.Add(new TextInputElement(TryNextInput, "What I'll try next") { Multiline = true, Value = current?.TryNext, MaxLength = 1000 });
        if (note is not null)
        {
            body.Add(new TextElement(note) { Subtle = true });
        }
        return new Card
        {
            Title = $"{circle.Name}: your check-in",
            Subtitle = circle.Topic,
            Body = body,
            Actions = [CardAction.Submit(current is null ? "Check in" : "Update my check-in", CircleVerbs.CheckIn,
                new Dictionary<string, string> { [RoundKey] = round.Id.ToString(CultureInfo.InvariantCulture) }, primary: true)],
        };
    }

    public static Card RoundUp(CircleRecord circle, CircleRoundRecord round, string? facilitator, IReadOnlyList<CircleCheckInView> checkIns,
        IReadOnlyList<string> quiet, IReadOnlyList<CirclePairing> pairings, IReadOnlyList<string>? peerPairs = null)
    {
        ArgumentNullException.ThrowIfNull(circle);
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(checkIns);
        ArgumentNullException.ThrowIfNull(quiet);
        ArgumentNullException.ThrowIfNull(pairings);
        var body = new List<CardElement>
        {
            new FactsElement(
            [
                new Fact("Meeting", When(round.MeetingAt, circle)),
                new Fact("Facilitator", facilitator ?? "—"),
                new Fact("Checked in", $"{checkIns.Count} of {checkIns.Count + quiet.Count}"),
            ]),
        };
        foreach (var checkIn in checkIns)
        {
            var lines = new List<string>();
            if (checkIn.Learned.Length > 0)
            {
                lines.Add($"- learned: {checkIn.Learned}");
            }
            if (checkIn.Stuck.Length > 0)
            {
                lines.Add($"- stuck on: {checkIn.Stuck}");
            }
            if (checkIn.TryNext.Length > 0)
            {
                lines.Add($"- will try: {checkIn.TryNext}");
            }
            body.Add(new TextElement($"**{checkIn.Name}**\n" + string.Join("\n", lines)));
        }
        if (pairings.Count > 0)
        {
            body.Add(new HeadingElement("Stuck? Talk to…"));
            body.Add(new TextElement(string.Join("\n", pairings.Select(p => $"- **{p.Stuck}** (stuck on _{p.StuckOn}_) → **{p.Helper}**, who wrote about _{p.HelperLearned}_"))));
        }
        if (peerPairs is { Count: > 0 })
        {
            body.Add(new HeadingElement("Peer pairs this round"));
            body.Add(new TextElement(string.Join("\n", peerPairs.Select(p => $"- {p}"))));
        }
        if (quiet.Count > 0)
        {
            body.Add(new TextElement($"Not heard from this round: {string.Join(", ", quiet)}.") { Subtle = true });
        }
        return new Card { Title = $"{circle.Name} — round {round.Number}", Subtitle = circle.Topic, Body = body };
    }

    public const string MembersInput = "members";
    public const string PairsInput = "pairs";
    public const int MaxPickedMembers = 50;

    /// <summary>
    /// The form "circle create" shows when typed on its own, in the chat or channel that will get the round-ups:
    /// name, topic, members (the channel's people picker, from this conversation), cadence, day, time and peer pairs.
    /// </summary>
    public static Card CreateForm() => new()
    {
        Title = "Start a learning circle",
        Subtitle = "A small group that meets regularly to share what they learn and where they're stuck.",
        Body =
        [
            new TextInputElement("name", "Name") { Required = true, MaxLength = 100, Placeholder = "e.g. Design Crit" },
            new TextInputElement("topic", "Topic") { Required = true, MaxLength = 300, Placeholder = "e.g. accessible forms" },
            new PeopleInputElement(MembersInput, "Members (you're in it already)") { ConversationMembersOnly = true },
            new ChoiceInputElement("cadence", "How often", [new Choice("Every week", "weekly"), new Choice("Every two weeks", "biweekly"), new Choice("Monthly (first such day)", "monthly")])
            {
                Required = true, Value = "weekly",
            },
            new ChoiceInputElement("day", "Day", [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday }
                .Select(d => new Choice(d.ToString(), d.ToString()))])
            {
                Required = true, Value = nameof(DayOfWeek.Tuesday),
            },
            new TextInputElement("time", "Time (24-hour, your time zone)") { Required = true, MaxLength = 5, Value = "10:00" },
            new ChoiceInputElement(PairsInput, "Peer pairs", [new Choice("No", "no"), new Choice("Yes, a new pair each round", "yes")]) { Required = true, Value = "no" },
            new TextElement("Round-ups come to this chat. Others can join later with **circle join** _name_.") { Subtle = true },
        ],
        Actions = [CardAction.Submit("Create circle", CircleVerbs.Create, primary: true)],
    };

    public static Card Created(CircleRecord circle, IReadOnlyList<string> members) => new()
    {
        Title = $"Circle created: {circle?.Name}",
        Subtitle = circle?.Topic,
        Body =
        [
            new FactsElement(
            [
                new Fact("Members", string.Join(", ", members ?? [])),
                new Fact("Meets", $"{Cadence(circle!)} on {circle!.Day}s at {circle.LocalTime:HH\\:mm} ({circle.TimeZone})"),
                new Fact("First meeting", When(circle.NextMeetingAt, circle)),
                new Fact("Peer pairs", circle.PeerPairs ? "yes, a new pair each round" : "no"),
            ]),
            new TextElement($"Before each meeting every member gets a check-in card; the round-up, with this round's facilitator, comes here. Others can join with **circle join {circle.Name}**."),
        ],
    };

    private static string Cadence(CircleRecord circle) => circle.Cadence switch
    {
        nameof(CircleCadence.Biweekly) => "every two weeks",
        nameof(CircleCadence.Monthly) => "monthly, first",
        _ => "weekly",
    };

    internal static string When(DateTimeOffset at, CircleRecord circle) =>
        LocalCalendar.LocalDateTime(at, LocalCalendar.Zone(circle.TimeZone)).ToString("ddd d MMM, HH:mm", CultureInfo.InvariantCulture) + $" ({circle.TimeZone})";
}

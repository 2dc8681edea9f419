using System.Globalization;
using System.Text.RegularExpressions;
using LearningBot.Core.Conversations;
using LearningBot.Core.Kernel;
using LearningBot.Core.People;
using LearningBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LearningBot.Core.Circles;

/// <summary>Creating, joining and leaving circles, and members' check-ins.</summary>
public sealed partial class CircleService(LearningBotDbContext db, PersonDirectory people, TimeProvider clock, ILogger<CircleService> logger)
{
    private const string CreateUsage = "**circle create Design Crit about accessible forms @Ada @Linus weekly Tuesday 10:00** (or **biweekly** / **monthly**; add **with pairs** for a peer pair each round)";

    /// <summary>Creates a circle from the words of a <c>circle create</c> command (and any people picked on the form).</summary>
    /// <param name="turn">Who asks, and where.</param>
    /// <param name="arguments">The command's words after <c>circle create</c>.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <param name="pickedMembers">People picked on the create form, besides those mentioned.</param>
    public async Task<Reply> CreateAsync(Turn turn, string arguments, CancellationToken cancellationToken, IReadOnlyList<Guid>? pickedMembers = null)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (turn.Conversation.Type == ConversationType.Personal)
        {
            return Reply.WithText("Run **circle create** in the group chat or channel where the circle should get its round-ups (mention me there), so everyone sees them.");
        }
        var match = CreatePattern().Match(MentionText.Strip(arguments ?? ""));
        if (!match.Success)
        {
            return Reply.WithText($"I couldn't read that. Try {CreateUsage}.");
        }
        var name = match.Groups["name"].Value.Trim().Trim('"');
        var topic = match.Groups["topic"].Value.Trim();
        if (!TryDay(match.Groups["day"].Value, out var day))
        {
            return Reply.WithText($"\"{match.Groups["day"].Value}\" isn't a day of the week. Try {CreateUsage}.");
        }
        if (!TimeOnly.TryParseExact(match.Groups["time"].Value, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return Reply.WithText($"\"{match.Groups["time"].Value}\" isn't a time; write it as 24-hour HH:mm, e.g. 09:30.");
        }
        if (name.Length is 0 or > 100 || topic.Length is 0 or > 300)
        {
            return Reply.WithText("Give the circle a name (up to 100 characters) and a topic (up to 300).");
        }
        var cadence = match.Groups["cadence"].Value.ToLowerInvariant() switch
        {
            "biweekly" or "fortnightly" => CircleCadence.Biweekly,
            "monthly" => CircleCadence.Monthly,
            _ => CircleCadence.Weekly,
        };
        var channel = turn.Channel;
        var key = name.ToLowerInvariant();
        if (await db.Set<CircleRecord>().AnyAsync(c => c.Channel == channel && c.NameKey == key, cancellationToken).ConfigureAwait(false))
        {
            return Reply.WithText($"There's already a circle called **{name}**. Join it with **circle join {name}**, or choose another name.");
        }
        var zoneId = await db.People.AsNoTracking().Where(p => p.Id == turn.PersonId).Select(p => p.TimeZone).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false) ?? turn.TimeZone;
        var zone = LocalCalendar.Zone(zoneId);
        var now = clock.GetUtcNow();
        var circle = new CircleRecord
        {
            Id = Guid.NewGuid(), Name = name, NameKey = key, Topic = topic, Channel = channel, ConversationId = turn.Conversation.Id,
            Cadence = cadence.ToString(), Day = day, LocalTime = time, TimeZone = zone.Id, CreatedByPersonId = turn.PersonId, CreatedAt = now,
            NextMeetingAt = CircleCalendar.First(now, cadence, day, time, zone),
            PeerPairs = match.Groups["pairs"].Success,
        };
        db.Set<CircleRecord>().Add(circle);
        var names = new List<string>();
        var memberIds = new List<(Guid Id, ChannelUser User)> { (turn.PersonId, turn.From) };
        foreach (var mention in turn.Mentions)
        {
            memberIds.Add((await people.ResolveMentionAsync(turn.Channel, mention, cancellationToken).ConfigureAwait(false), mention));
        }
        foreach (var picked in pickedMembers ?? [])
        {
            memberIds.Add((picked, new ChannelUser("", "")));
        }
        foreach (var (personId, user) in memberIds.DistinctBy(m => m.Id))
        {
            var display = await NameOfAsync(personId, user.Name, cancellationToken).ConfigureAwait(false);
            names.Add(display);
            db.Set<CircleMemberRecord>().Add(new CircleMemberRecord { CircleId = circle.Id, PersonId = personId, Name = display, JoinedAt = now });
        }
        if (!await db.SaveOnceAsync(cancellationToken).ConfigureAwait(false))
        {
            // Created under the same name a moment ago.
            return Reply.WithText($"There's already a circle called **{name}**. Join it with **circle join {name}**.");
        }
        Log.Created(logger, circle.Id, turn.PersonId, names.Count, cadence);
        return Reply.WithCard(CircleCards.Created(circle, names));
    }

    public async Task<Reply> JoinAsync(Turn turn, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var circle = await FindAsync(turn, name, cancellationToken).ConfigureAwait(false);
        if (circle is null)
        {
            return Reply.WithText(name.Length == 0 ? "Which circle? Try **circle join Design Crit**." : $"I can't find a circle called **{name}**. Check the name with whoever runs it.");
        }
        var member = await db.Set<CircleMemberRecord>().SingleOrDefaultAsync(m => m.CircleId == circle.Id && m.PersonId == turn.PersonId, cancellationToken).ConfigureAwait(false);
        if (member is { LeftAt: null })
        {
            return Reply.WithText($"You're already in **{circle.Name}**.");
        }
        // A newcomer joins the facilitator rotation level with the least experienced member, not at the front of it.
        var fewest = await db.Set<CircleMemberRecord>().Where(m => m.CircleId == circle.Id && m.LeftAt == null)
            .Select(m => (int?)m.TimesFacilitated).MinAsync(cancellationToken).ConfigureAwait(false) ?? 0;
        if (member is null)
        {
            member = new CircleMemberRecord { CircleId = circle.Id, PersonId = turn.PersonId, Name = await NameOfAsync(turn.PersonId, turn.From.Name, cancellationToken).ConfigureAwait(false) };
            db.Set<CircleMemberRecord>().Add(member);
        }
        member.LeftAt = null;
        member.Paused = false;
        member.MissedInARow = 0;
        member.JoinedAt = clock.GetUtcNow();
        member.TimesFacilitated = Math.Max(member.TimesFacilitated, fewest);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        Log.Joined(logger, circle.Id, turn.PersonId);
        return Reply.WithText($"Welcome to **{circle.Name}** ({circle.Topic}). Your first check-in card comes before the next meeting, {CircleCards.When(circle.NextMeetingAt, circle)}.");
    }

    /// <summary>leave, skip (this round), pause, resume.</summary>
    public async Task<Reply> ChangeMembershipAsync(Turn turn, string verb, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var member = await FindMembershipAsync(turn, name, cancellationToken).ConfigureAwait(false);
        if (member is null)
        {
            return Reply.WithText(name.Length == 0
                ? $"Which circle? Try **circle {verb} Design Crit**."
                : $"You're not in a circle called **{name}**.");
        }
        var (record, circle) = member.Value;
        string reply;
        switch (verb)
        {
            case "leave":
                record.LeftAt = clock.GetUtcNow();
                reply = $"You've left **{circle.Name}**. You can come back any time with **circle join {circle.Name}**.";
                break;
            case "skip":
                record.SkipsRound = circle.RoundsHeld + 1;
                reply = $"Noted: you're sitting out the next round of **{circle.Name}** ({CircleCards.When(circle.NextMeetingAt, circle)}). See you the time after.";
                break;
            case "pause":
                record.Paused = true;
                reply = $"**{circle.Name}** is paused for you: no check-ins until you say **circle resume {circle.Name}**.";
                break;
            default:
                record.Paused = false;
                record.MissedInARow = 0;
                reply = $"Welcome back to **{circle.Name}**. Your next check-in comes before {CircleCards.When(circle.NextMeetingAt, circle)}.";
                break;
        }
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        Log.MembershipChanged(logger, circle.Id, turn.PersonId, verb);
        return Reply.WithText(reply);
    }

    public async Task<Reply> ListAsync(Turn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var mine = await (from m in db.Set<CircleMemberRecord>().AsNoTracking()
                          join c in db.Set<CircleRecord>().AsNoTracking() on m.CircleId equals c.Id
                          where m.PersonId == turn.PersonId && m.LeftAt == null
                          select new { c.Name, c.Topic, m.Paused }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var list = mine.Count == 0 ? "You're not in a circle yet." : "Your circles:\n" + string.Join("\n", mine.Select(c => $"- **{c.Name}** — {c.Topic}{(c.Paused ? " (paused)" : "")}"));
        return Reply.WithText($"{list}\n\nStart one in a group chat or channel with {CreateUsage}; **circle join**, **leave**, **skip**, **pause** or **resume** _name_ for the rest.");
    }

    /// <summary>A member's check-in from the card. Counted once per round: pressing again updates the same check-in.</summary>
    public async Task<Reply> CheckInAsync(Turn turn, CardActionInvocation action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(action);
        if (!long.TryParse(action.Data.GetValueOrDefault(CircleCards.RoundKey), NumberStyles.Integer, CultureInfo.InvariantCulture, out var roundId))
        {
            return Reply.WithText("This card is missing its round. It may be from an older version of LearningBot.");
        }
        var round = await db.Set<CircleRoundRecord>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, cancellationToken).ConfigureAwait(false);
        var circle = round is null ? null : await db.Set<CircleRecord>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == round.CircleId, cancellationToken).ConfigureAwait(false);
        if (round is null || circle is null)
        {
            return Reply.WithText("I can't find that circle any more.");
        }
        if (!await db.Set<CircleMemberRecord>().AnyAsync(m => m.CircleId == circle.Id && m.PersonId == turn.PersonId && m.LeftAt == null, cancellationToken).ConfigureAwait(false))
        {
            return Reply.WithText($"You're not a member of **{circle.Name}**. Join with **circle join {circle.Name}**, then check in next round.");
        }
        string Input(string id) => (action.Data.GetValueOrDefault(id) ?? "").Trim() is var v && v.Length > 1000 ? v[..1000] : (action.Data.GetValueOrDefault(id) ?? "").Trim();
        var learned = Input(CircleCards.LearnedInput);
        var stuck = Input(CircleCards.StuckInput);
        var tryNext = Input(CircleCards.TryNextInput);
        if (learned.Length == 0 && stuck.Length == 0)
        {
            var draft = new CircleCheckInRecord { Learned = learned, Stuck = stuck, TryNext = tryNext };
            return new Reply { UpdatedCard = CircleCards.CheckIn(circle, round, draft, error: "Write what you learned or what you're stuck on (or both) — a line is plenty.") };
        }
        if (!CircleSteps.CheckingIn.IsCurrent(round))
        {
            return new Reply { UpdatedCard = CircleCards.CheckIn(circle, round, note: "This round's round-up has already gone out; your next check-in card comes before the next meeting.") with { Actions = [] } };
        }
        var now = clock.GetUtcNow();
        var checkIn = await db.Set<CircleCheckInRecord>().SingleOrDefaultAsync(c => c.RoundId == roundId && c.PersonId == turn.PersonId, cancellationToken).ConfigureAwait(false);
        if (checkIn is null)
        {
            checkIn = new CircleCheckInRecord { RoundId = roundId, PersonId = turn.PersonId };
            db.Set<CircleCheckInRecord>().Add(checkIn);
        }
        checkIn.Learned = learned;
        checkIn.Stuck = stuck;
        checkIn.TryNext = tryNext;
        checkIn.SubmittedAt = now;
        if (await db.SaveOnceAsync(cancellationToken).ConfigureAwait(false))
        {
            Log.CheckedIn(logger, circle.Id, round.Id, turn.PersonId);
        }
        // Else the same click arrived twice at once, and the other one recorded it.
        return new Reply { UpdatedCard = CircleCards.CheckIn(circle, round, checkIn, note: $"Checked in, thank you. It'll be in the round-up before {CircleCards.When(round.MeetingAt, circle)}; you can still change it until then.") };
    }

    private async Task<CircleRecord?> FindAsync(Turn turn, string name, CancellationToken cancellationToken)
    {
        var channel = turn.Channel;
        if (name.Length == 0)
        {
            // In the circle's own conversation the name can be left out.
            var here = await db.Set<CircleRecord>().Where(c => c.Channel == channel && c.ConversationId == turn.Conversation.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
            return here.Count == 1 ? here[0] : null;
        }
        var key = name.ToLowerInvariant();
        return await db.Set<CircleRecord>().SingleOrDefaultAsync(c => c.Channel == channel && c.NameKey == key, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(CircleMemberRecord Member, CircleRecord Circle)?> FindMembershipAsync(Turn turn, string name, CancellationToken cancellationToken)
    {
        var key = name.ToLowerInvariant();
        var mine = await (from m in db.Set<CircleMemberRecord>()
                          join c in db.Set<CircleRecord>() on m.CircleId equals c.Id
                          where m.PersonId == turn.PersonId && m.LeftAt == null
                          select new { Member = m, Circle = c }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var found = name.Length > 0 ? mine.Where(x => x.Circle.NameKey == key).ToList()
            : mine.Where(x => x.Circle.ConversationId == turn.Conversation.Id).ToList() is { Count: 1 } here ? here : mine;
        return found.Count == 1 ? (found[0].Member, found[0].Circle) : null;
    }

    private async Task<string> NameOfAsync(Guid personId, string fallback, CancellationToken cancellationToken)
    {
        var stored = await db.People.AsNoTracking().Where(p => p.Id == personId).Select(p => p.DisplayName).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return string.IsNullOrWhiteSpace(stored) ? (string.IsNullOrWhiteSpace(fallback) ? "someone" : fallback) : stored;
    }

    private static bool TryDay(string text, out DayOfWeek day)
    {
        foreach (var candidate in Enum.GetValues<DayOfWeek>())
        {
            var full = candidate.ToString();
            if (text.Length >= 3 && full.StartsWith(text, StringComparison.OrdinalIgnoreCase))
            {
                day = candidate;
                return true;
            }
        }
        day = default;
        return false;
    }

    [GeneratedRegex(@"^(?<name>.+?)\s+about\s+(?<topic>.+?)\s+(?<cadence>weekly|biweekly|fortnightly|monthly)\s+(?:on\s+)?(?<day>[a-z]+?)s?\s+(?:at\s+)?(?<time>\d{1,2}:\d{2})(?<pairs>\s+with\s+pairs)?$", RegexOptions.IgnoreCase)]
    private static partial Regex CreatePattern();
}

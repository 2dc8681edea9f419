using LearningBot.Core.Cards;
using LearningBot.Core.Conversations;
using LearningBot.Core.Storage;
using LearningBot.Core.People;
using LearningBot.Core.Recognition;
using Microsoft.EntityFrameworkCore;

namespace LearningBot.Core.Recognition;

/// <summary>The span a leaderboard counts: this week, this month, or all time.</summary>
public enum LeaderboardPeriod
{
    Week,
    Month,
    All,
}

/// <summary>One person on the leaderboard and their net count.</summary>
public sealed record LeaderboardRow(Guid PersonId, string Name, int Count);

/// <summary>The top receivers and the top givers of a period.</summary>
public sealed record LeaderboardStandings(IReadOnlyList<LeaderboardRow> Receivers, IReadOnlyList<LeaderboardRow> Givers);

/// <summary>Top receivers and givers of a team over a period (net of reversals), leaving out everyone who opted out.</summary>
public sealed class Leaderboard(LearningBotDbContext db, TimeProvider clock)
{
    public const int Size = 5;

    public async Task<LeaderboardStandings> StandingsAsync(ChannelKind channel, string? teamId, LeaderboardPeriod period, CancellationToken cancellationToken)
    {
        var name = channel;
        var now = clock.GetUtcNow();
        // Rolling windows: "this week" at 09:00 Monday would otherwise be nearly empty.
        var since = period switch
        {
            LeaderboardPeriod.Week => now.AddDays(-7),
            LeaderboardPeriod.Month => now.AddDays(-30),
            _ => DateTimeOffset.MinValue,
        };
        var entries = db.Set<RecognitionEntryRecord>().AsNoTracking().Where(e => e.Channel == name);
        if (!string.IsNullOrEmpty(teamId))
        {
            entries = entries.Where(e => e.TeamId == teamId);
        }
        if (period != LeaderboardPeriod.All)
        {
            entries = entries.Where(e => e.CreatedAt >= since);
        }
        var rows = await entries.Select(e => new { e.GiverPersonId, e.RecipientPersonId, e.Points }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var optedOut = (await db.Set<RecognitionPreferenceRecord>().AsNoTracking().Where(p => p.LeaderboardOptOut).Select(p => p.PersonId)
            .ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet();
        var receivers = Top(rows.GroupBy(r => r.RecipientPersonId).Select(g => (g.Key, g.Sum(r => r.Points))), optedOut);
        var givers = Top(rows.GroupBy(r => r.GiverPersonId).Select(g => (g.Key, g.Sum(r => r.Points))), optedOut);
        var ids = receivers.Concat(givers).Select(r => r.Person).Distinct().ToList();
        var names = await db.Set<PersonRecord>().AsNoTracking().Where(p => ids.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken).ConfigureAwait(false);
        return new LeaderboardStandings(
            [.. receivers.Select(r => new LeaderboardRow(r.Person, RecognitionCards.NameOr(names.GetValueOrDefault(r.Person)), r.Count))],
            [.. givers.Select(r => new LeaderboardRow(r.Person, RecognitionCards.NameOr(names.GetValueOrDefault(r.Person)), r.Count))]);
    }

    private static List<(Guid Person, int Count)> Top(IEnumerable<(Guid Person, int Count)> totals, HashSet<Guid> optedOut) =>
        [.. totals.Where(t => t.Count > 0 && !optedOut.Contains(t.Person)).OrderByDescending(t => t.Count).ThenBy(t => t.Person).Take(Size)];

    public static Card Card(LeaderboardStandings standings, LeaderboardPeriod period)
    {
        ArgumentNullException.ThrowIfNull(standings);
        var title = period switch
        {
            LeaderboardPeriod.Week => "Recognition leaderboard — last 7 days",
            LeaderboardPeriod.Month => "Recognition leaderboard — last 30 days",
            _ => "Recognition leaderboard — all time",
        };
        if (standings.Receivers.Count == 0)
        {
            return new Card
            {
                Title = title,
                Body = [new TextElement("No recognitions yet in this period — be the first: **kudos @name for …** or react with 🎓.")],
            };
        }
        return new Card
        {
            Title = title,
            Body =
            [
                new HeadingElement("Most recognised"),
                new FactsElement([.. standings.Receivers.Select((r, i) => new Fact($"{i + 1}. {r.Name}", r.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)))]),
                new HeadingElement("Most generous"),
                new FactsElement([.. standings.Givers.Select((r, i) => new Fact($"{i + 1}. {r.Name}", r.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)))]),
                new TextElement("Rather not appear here? Type **leaderboard opt-out**.") { Subtle = true },
            ],
        };
    }
}

/// <summary>"leaderboard [week|month|all]", "leaderboard opt-out", "leaderboard opt-in".</summary>
public sealed class LeaderboardCommand(Leaderboard leaderboard, RecognitionService recognition) : ICommandHandler
{
    public string Name => "leaderboard";
    public string Description => "top recognised and most generous colleagues (opt out any time)";
    public string Usage => "**leaderboard** or **leaderboard** week, month or all";

    public async Task<Reply> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(arguments);
        var argument = arguments.Trim().ToLowerInvariant();
        if (argument is "opt-out" or "optout" or "opt out" or "opt-in" or "optin" or "opt in")
        {
            var optOut = argument.Contains("out", StringComparison.Ordinal);
            await recognition.SetPreferenceAsync(turn.PersonId, p => p.LeaderboardOptOut = optOut, cancellationToken).ConfigureAwait(false);
            return Reply.WithText(optOut
                ? "Done — you won't appear on the leaderboard. Recognition you give and receive still counts and still reaches people. Type **leaderboard opt-in** to appear again."
                : "Done — you'll appear on the leaderboard again.");
        }
        LeaderboardPeriod? period = argument switch
        {
            "" or "week" => LeaderboardPeriod.Week,
            "month" => LeaderboardPeriod.Month,
            "all" or "all-time" or "ever" => LeaderboardPeriod.All,
            _ => null,
        };
        if (period is not { } chosen)
        {
            return Reply.WithText("Try **leaderboard**, **leaderboard month** or **leaderboard all** — or **leaderboard opt-out**.");
        }
        var standings = await leaderboard.StandingsAsync(turn.Channel, turn.Conversation.TeamId, chosen, cancellationToken).ConfigureAwait(false);
        return Reply.WithCard(Leaderboard.Card(standings, chosen));
    }
}

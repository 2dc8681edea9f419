using System.Globalization;
using LearningBot.Core.Conversations;
using LearningBot.Core.Help;
using LearningBot.Core.Knowledge;
using LearningBot.Core.Outbox;
using LearningBot.Core.People;
using LearningBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LearningBot.Core.Growth;

/// <summary>The journey a payload names while it is still running (not stopped).</summary>
internal static class Journeys
{
    public static async Task<(OnboardingJourneyRecord Journey, PersonRecord Hire)?> RunningAsync(LearningBotDbContext db, Guid hireId, CancellationToken cancellationToken)
    {
        var journey = await db.Set<OnboardingJourneyRecord>().AsNoTracking().SingleOrDefaultAsync(j => j.PersonId == hireId, cancellationToken).ConfigureAwait(false);
        var hire = journey is null || journey.Stopped ? null : await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == hireId, cancellationToken).ConfigureAwait(false);
        return hire is null ? null : (journey!, hire);
    }

    public static string FirstName(string name) => name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? name;
}

/// <summary>Day 1: the welcome, the first learning path and the daily-quiz offer (the same consent offer as the welcome card).</summary>
public sealed class GrowthWelcomeComposer(LearningBotDbContext db, IEnumerable<IWelcomeOffer> offers, IOptions<GrowthOptions> options) : IOutboxComposer
{
    public string Kind => OnboardingScheduler.WelcomeKind;

    public async Task<OutboundMessage?> ComposeAsync(OutboxMessageRecord message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.PersonId is not { } hireId || await Journeys.RunningAsync(db, hireId, cancellationToken).ConfigureAwait(false) is not { } running)
        {
            return null;
        }
        var settings = options.Value;
        var path = await PathAsync(running.Hire.Role, settings, cancellationToken).ConfigureAwait(false);
        // The offers are made for a turn in the person's 1:1 chat: this message goes there.
        var turn = new Turn
        {
            Channel = message.Channel,
            EventId = message.IdempotencyKey,
            Kind = TurnKind.Message,
            From = new ChannelUser("", running.Hire.DisplayName),
            Conversation = new TurnConversation("", ConversationType.Personal),
            PersonId = hireId,
        };
        var made = new List<WelcomeOffer>();
        foreach (var offer in offers)
        {
            if (await offer.OfferAsync(turn, cancellationToken).ConfigureAwait(false) is { } o)
            {
                made.Add(o);
            }
        }
        var welcome = settings.WelcomeText.Replace("{name}", Journeys.FirstName(running.Hire.DisplayName), StringComparison.Ordinal);
        return OutboundMessage.FromCard(GrowthCards.Welcome(welcome, path, made));
    }

    /// <summary>Lessons whose audience names the role or the new-hire audience, in the library's order (their ids).</summary>
    private async Task<List<PathLesson>> PathAsync(string? role, GrowthOptions settings, CancellationToken cancellationToken)
    {
        var audiences = new[] { settings.NewHireAudience, role }.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a!.Trim().ToLowerInvariant()).ToList();
        var lessons = await db.Set<LessonRecord>().AsNoTracking().Where(l => !l.Retired)
            .Select(l => new { l.Id, l.Title, l.Minutes, l.Audience }).OrderBy(l => l.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. lessons
            .Where(l => l.Audience.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Any(a => audiences.Contains(a.ToLowerInvariant())))
            .Take(settings.MaxPathLessons)
            .Select(l => new PathLesson(l.Id, l.Title, l.Minutes))];
    }

    public Task OnSentAsync(OutboxMessageRecord message, string channelMessageId, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>A buddy introduction, to the new hire or to the buddy; nothing once that buddy has passed or the journey stopped.</summary>
public sealed class GrowthBuddyComposer(LearningBotDbContext db, IOptions<GrowthOptions> options) : IOutboxComposer
{
    public string Kind => OnboardingScheduler.BuddyKind;

    public async Task<OutboundMessage?> ComposeAsync(OutboxMessageRecord message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (BuddyPayload.Parse(message.Payload) is not { } intro
            || await Journeys.RunningAsync(db, intro.Hire, cancellationToken).ConfigureAwait(false) is not { } running
            || running.Journey.BuddyPersonId != intro.Buddy || running.Journey.BuddyRound != intro.Round)
        {
            return null;
        }
        var buddyName = await db.People.AsNoTracking().Where(p => p.Id == intro.Buddy).Select(p => p.DisplayName).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (buddyName is null)
        {
            return null;
        }
        var starters = options.Value.BuddyStarters.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var first = (intro.Round - 1) * 2 % starters.Length;
        string[] two = [starters[first], starters[(first + 1) % starters.Length]];
        return OutboundMessage.FromCard(GrowthCards.BuddyIntroduction(intro.ForBuddy, running.Hire.DisplayName, buddyName, running.Hire.Team, two, intro.Hire));
    }

    public Task OnSentAsync(OutboxMessageRecord message, string channelMessageId, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Day 3: the goals card, unless goals were saved meanwhile.</summary>
public sealed class GrowthGoalsComposer(LearningBotDbContext db, IOptions<GrowthOptions> options) : IOutboxComposer
{
    public string Kind => OnboardingScheduler.GoalsKind;

    public async Task<OutboundMessage?> ComposeAsync(OutboxMessageRecord message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.PersonId is { } hireId && await Journeys.RunningAsync(db, hireId, cancellationToken).ConfigureAwait(false) is { Journey.GoalsSetAt: null }
            ? OutboundMessage.FromCard(GrowthCards.OnboardingGoals(options.Value.GoalsText))
            : null;
    }

    public Task OnSentAsync(OutboxMessageRecord message, string channelMessageId, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>A check-in card with the new hire's open goals.</summary>
public sealed class GrowthCheckInComposer(LearningBotDbContext db, GoalService goals) : IOutboxComposer
{
    public string Kind => OnboardingScheduler.CheckInKind;

    public async Task<OutboundMessage?> ComposeAsync(OutboxMessageRecord message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.PersonId is not { } hireId || !int.TryParse(message.Payload, NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            || await Journeys.RunningAsync(db, hireId, cancellationToken).ConfigureAwait(false) is null)
        {
            return null;
        }
        return OutboundMessage.FromCard(GrowthCards.CheckIn(day, await goals.OpenAsync(hireId, cancellationToken).ConfigureAwait(false)));
    }

    public Task OnSentAsync(OutboxMessageRecord message, string channelMessageId, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>For the manager: a new hire's goals as set on the goals card.</summary>
public sealed class GrowthGoalsSharedComposer(LearningBotDbContext db, GoalService goals) : IOutboxComposer
{
    public string Kind => OnboardingScheduler.GoalsSharedKind;

    public async Task<OutboundMessage?> ComposeAsync(OutboxMessageRecord message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!Guid.TryParseExact(message.Payload, "N", out var hireId))
        {
            return null;
        }
        var hire = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == hireId && p.ManagerPersonId == message.PersonId, cancellationToken).ConfigureAwait(false);
        var open = hire is null ? [] : await goals.OpenAsync(hireId, cancellationToken).ConfigureAwait(false);
        return hire is null || open.Count == 0 ? null : OutboundMessage.FromCard(GrowthCards.GoalsShared(hire.DisplayName, open));
    }

    public Task OnSentAsync(OutboxMessageRecord message, string channelMessageId, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>For the manager: a check-in's answers and a suggested next step. Only ever sent to the new hire's manager.</summary>
public sealed class GrowthSummaryComposer(LearningBotDbContext db, GoalService goals) : IOutboxComposer
{
    public string Kind => OnboardingScheduler.SummaryKind;

    public async Task<OutboundMessage?> ComposeAsync(OutboxMessageRecord message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var parts = message.Payload.Split(':');
        if (parts.Length != 2 || !Guid.TryParseExact(parts[0], "N", out var hireId) || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var day))
        {
            return null;
        }
        // The manager may have changed since: the summary goes to the current manager only.
        var hire = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == hireId && p.ManagerPersonId == message.PersonId, cancellationToken).ConfigureAwait(false);
        var checkIn = hire is null ? null : await db.Set<OnboardingCheckInRecord>().AsNoTracking().SingleOrDefaultAsync(c => c.PersonId == hireId && c.Day == day, cancellationToken).ConfigureAwait(false);
        if (hire is null || checkIn is null)
        {
            return null;
        }
        var open = await goals.OpenAsync(hireId, cancellationToken).ConfigureAwait(false);
        return OutboundMessage.FromCard(GrowthCards.CheckInSummary(hire.DisplayName, checkIn, open, NextStep(Journeys.FirstName(hire.DisplayName), checkIn, open)));
    }

    /// <summary>One suggestion, from what the check-in says: help with what is hard, else goals to set, else progress to recognise.</summary>
    public static string NextStep(string name, OnboardingCheckInRecord checkIn, IReadOnlyList<GoalRecord> open)
    {
        ArgumentNullException.ThrowIfNull(checkIn);
        ArgumentNullException.ThrowIfNull(open);
        if (checkIn.Hard.Length > 0)
        {
            return $"Ask {name} about what is hard (\"{Kernel.WellFormedText.Cut(checkIn.Hard, 120)}\") in your next 1:1, and agree one thing that would help — a person to talk to, a lesson, or time set aside.";
        }
        if (open.Count == 0)
        {
            return $"{name} has no open goals: agree one or two for the next month together (they add them with **goals add**).";
        }
        return $"Things are moving: recognise {name}'s progress (**kudos**) and ask which goal they want to stretch next.";
    }

    public Task OnSentAsync(OutboxMessageRecord message, string channelMessageId, CancellationToken cancellationToken) => Task.CompletedTask;
}

using System.Globalization;
using LearningBot.Core.Kernel;
using LearningBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace LearningBot.Core.Growth;

/// <summary>What may be a goal: its length, how many can be open, how one is told apart from another.</summary>
public static class GoalRules
{
    public const int MaxTextLength = 300;
    public const int MaxTopicLength = 100;
    public const int MaxOpenGoals = 10;

    /// <summary>The goal's text as compared for "already a goal of yours": trimmed, spaces folded, lower case.</summary>
    public static string Key(string text) =>
        string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}

/// <summary>The outcome of a change to goals: whether it changed anything, and what to tell the person.</summary>
public sealed record GoalChange(bool Changed, string Message);

/// <summary>
/// Lists, adds, updates, completes and drops a person's goals. Every change is safe to repeat: adding an open goal's text
/// again is refused by its unique key, completing a goal is a conditional update won once, an update writes the same
/// values again.
/// </summary>
public sealed class GoalService(LearningBotDbContext db, TimeProvider clock)
{
    /// <summary>The person's open goals, oldest first (the numbers <c>goals done 2</c> uses).</summary>
    public Task<List<GoalRecord>> OpenAsync(Guid personId, CancellationToken cancellationToken) =>
        db.Set<GoalRecord>().AsNoTracking().Where(g => g.PersonId == personId && g.Status == GoalStatus.Open)
            .OrderBy(g => g.CreatedAt).ThenBy(g => g.Id).ToListAsync(cancellationToken);

    /// <summary>Goals completed in the last <paramref name="days"/> days, newest first.</summary>
    public Task<List<GoalRecord>> RecentlyDoneAsync(Guid personId, int days, CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow().AddDays(-days);
        return db.Set<GoalRecord>().AsNoTracking().Where(g => g.PersonId == personId && g.Status == GoalStatus.Done && g.ClosedAt >= since)
            .OrderByDescending(g => g.ClosedAt).ToListAsync(cancellationToken);
    }

    /// <summary>Checks a goal's words: null when fine, else what to change.</summary>
    public static string? Problem(string text, string? topic)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "Write the goal in a few words, e.g. **goals add** _run a customer demo on my own_.";
        }
        if (!WellFormedText.IsWellFormed(text) || !WellFormedText.IsWellFormed(topic))
        {
            return "That goal has characters I can't store; please type it again.";
        }
        if (text.Trim().Length > GoalRules.MaxTextLength)
        {
            return $"Please keep a goal under {GoalRules.MaxTextLength} characters — one concrete thing.";
        }
        return topic is not null && topic.Trim().Length > GoalRules.MaxTopicLength ? $"Please keep the topic under {GoalRules.MaxTopicLength} characters." : null;
    }

    /// <summary>Adds a goal (saving it with the caller's other pending changes). Refuses a duplicate of an open goal.</summary>
    public async Task<GoalChange> AddAsync(Guid personId, string text, string? topic, string source, CancellationToken cancellationToken)
    {
        if (Problem(text, topic) is { } problem)
        {
            return new GoalChange(false, problem);
        }
        text = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var key = GoalRules.Key(text);
        var open = await db.Set<GoalRecord>().Where(g => g.PersonId == personId && g.Status == GoalStatus.Open).Select(g => g.OpenKey).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (open.Contains(key))
        {
            return new GoalChange(false, $"**{text}** is already one of your goals.");
        }
        if (open.Count >= GoalRules.MaxOpenGoals)
        {
            return new GoalChange(false, $"You have {open.Count} open goals — mark one done (**goals done** _number_) or drop one before adding another.");
        }
        var now = clock.GetUtcNow();
        db.Set<GoalRecord>().Add(new GoalRecord
        {
            PersonId = personId,
            Text = text,
            Topic = string.IsNullOrWhiteSpace(topic) ? null : topic.Trim(),
            Source = source,
            OpenKey = key,
            CreatedAt = now,
            UpdatedAt = now,
        });
        return await db.SaveOnceAsync(cancellationToken).ConfigureAwait(false)
            ? new GoalChange(true, $"Goal added: **{text}**.")
            : new GoalChange(false, $"**{text}** is already one of your goals.");
    }

    /// <summary>Rewords a goal and/or notes progress on it.</summary>
    public async Task<GoalChange> UpdateAsync(Guid personId, long goalId, string? text, string? progress, CancellationToken cancellationToken)
    {
        var goal = await db.Set<GoalRecord>().SingleOrDefaultAsync(g => g.Id == goalId && g.PersonId == personId, cancellationToken).ConfigureAwait(false);
        if (goal is null)
        {
            return new GoalChange(false, "I can't find that goal; type **goals** to see yours.");
        }
        if (goal.Status != GoalStatus.Open)
        {
            return new GoalChange(false, $"**{goal.Text}** is already {(goal.Status == GoalStatus.Done ? "done" : "dropped")}.");
        }
        if (!string.IsNullOrWhiteSpace(text))
        {
            if (Problem(text, null) is { } problem)
            {
                return new GoalChange(false, problem);
            }
            goal.Text = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            goal.OpenKey = GoalRules.Key(goal.Text);
        }
        if (!string.IsNullOrWhiteSpace(progress))
        {
            if (!WellFormedText.IsWellFormed(progress))
            {
                return new GoalChange(false, "That note has characters I can't store; please type it again.");
            }
            goal.Progress = WellFormedText.Cut(progress.Trim(), 1000);
        }
        goal.UpdatedAt = clock.GetUtcNow();
        return await db.SaveOnceAsync(cancellationToken).ConfigureAwait(false)
            ? new GoalChange(true, $"Goal updated: **{goal.Text}**{(goal.Progress is null ? "" : $" — {goal.Progress}")}.")
            : new GoalChange(false, "You already have a goal worded like that.");
    }

    /// <summary>Marks an open goal done or dropped; a repeat finds it already closed.</summary>
    public async Task<GoalChange> CloseAsync(Guid personId, long goalId, GoalStatus status, CancellationToken cancellationToken)
    {
        var goal = await db.Set<GoalRecord>().AsNoTracking().SingleOrDefaultAsync(g => g.Id == goalId && g.PersonId == personId, cancellationToken).ConfigureAwait(false);
        if (goal is null)
        {
            return new GoalChange(false, "I can't find that goal; type **goals** to see yours.");
        }
        var now = clock.GetUtcNow();
        var moved = await GrowthSteps.GoalOpen.TryMoveOnAsync(db.Set<GoalRecord>().Where(g => g.Id == goalId), set => set
            .SetProperty(g => g.Status, status)
            .SetProperty(g => g.OpenKey, (string?)null)
            .SetProperty(g => g.ClosedAt, now)
            .SetProperty(g => g.UpdatedAt, now), cancellationToken).ConfigureAwait(false);
        if (!moved)
        {
            return new GoalChange(false, $"**{goal.Text}** is already {(goal.Status == GoalStatus.Done ? "done" : "closed")}.");
        }
        return new GoalChange(true, status == GoalStatus.Done ? $"🎉 Done: **{goal.Text}**. Well done!" : $"Dropped: **{goal.Text}**.");
    }

    /// <summary>The id of the <paramref name="number"/>th open goal (1-based), or null.</summary>
    public async Task<long?> NumberedAsync(Guid personId, string number, CancellationToken cancellationToken)
    {
        if (!int.TryParse(number.Trim().TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
        {
            return null;
        }
        var open = await OpenAsync(personId, cancellationToken).ConfigureAwait(false);
        return n <= open.Count ? open[n - 1].Id : null;
    }
}

/// <summary>The steps growth cards act on.</summary>
internal static class GrowthSteps
{
    /// <summary>A goal takes "done" and "drop" while open; the one update that closes it wins.</summary>
    public static readonly CardStep<GoalRecord> GoalOpen = new(g => g.Status == GoalStatus.Open);

    /// <summary>The onboarding goals card takes one submission.</summary>
    public static readonly CardStep<OnboardingJourneyRecord> GoalsUnset = new(j => j.GoalsSetAt == null);
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LearningBot.Core.Growth;

/// <summary>Where a goal stands.</summary>
public enum GoalStatus
{
    Open,
    Done,
    Dropped,
}

/// <summary>
/// A person's development goal — one concept for everyone: set with <c>goals</c>, on the onboarding goals card, or from
/// a check-in. Seen by the person and their manager only.
/// </summary>
public sealed class GoalRecord
{
    public long Id { get; set; }
    public Guid PersonId { get; set; }
    public required string Text { get; set; }
    /// <summary>An optional topic (a lesson tag or free words) the goal is about.</summary>
    public string? Topic { get; set; }
    /// <summary>"self", "onboarding" or "checkin": where the goal was set.</summary>
    public required string Source { get; set; }
    public GoalStatus Status { get; set; }
    /// <summary>The latest progress note the person gave (a check-in or <c>goals update</c>).</summary>
    public string? Progress { get; set; }
    /// <summary>
    /// The goal's text folded to lower case while it is open, null once done or dropped: unique per person, so the same
    /// goal submitted twice (a double click, a redelivered form) is saved once.
    /// </summary>
    public string? OpenKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
}

/// <summary>
/// A new hire's onboarding journey: made once for a person whose directory row has a <c>start_date</c>, moved on step by
/// step by <see cref="OnboardingScheduler"/>. Each step's message has its own outbox key, so a step is sent at most once.
/// </summary>
public sealed class OnboardingJourneyRecord
{
    public Guid PersonId { get; set; }
    public DateOnly StartDate { get; set; }
    /// <summary>The journey's steps that are done — sent, or skipped as too late — by name ("welcome", "buddy", "goals", "checkin7"), joined by ','.</summary>
    public string DoneSteps { get; set; } = "";
    /// <summary>When the last step was done (or the journey stopped); finished journeys are not looked at again.</summary>
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>The buddy introduced; null until one is found (or after a buddy passed, until the next).</summary>
    public Guid? BuddyPersonId { get; set; }
    /// <summary>How many buddies have been introduced; part of each introduction's outbox key.</summary>
    public int BuddyRound { get; set; }
    /// <summary>Buddies who passed, their ids joined by ','; never asked again for this journey.</summary>
    public string PassedBuddies { get; set; } = "";
    /// <summary>When the new hire saved their 30-day goals from the goals card (the card's step is then over).</summary>
    public DateTimeOffset? GoalsSetAt { get; set; }
    /// <summary>The new hire chose "stop": no further journey messages.</summary>
    public bool Stopped { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A volunteer learning buddy (<c>buddy volunteer</c>); the row goes with <c>buddy stop</c>.</summary>
public sealed class BuddyVolunteerRecord
{
    public Guid PersonId { get; set; }
    public DateTimeOffset VolunteeredAt { get; set; }
}

/// <summary>A new hire's answers to one onboarding check-in (day 7, 30, …): one per person and day.</summary>
public sealed class OnboardingCheckInRecord
{
    public long Id { get; set; }
    public Guid PersonId { get; set; }
    public int Day { get; set; }
    /// <summary>Progress per goal, one "goal: progress" line each.</summary>
    public string Progress { get; set; } = "";
    public string Hard { get; set; } = "";
    public string Helped { get; set; } = "";
    public DateTimeOffset SubmittedAt { get; set; }
}

internal sealed class GoalConfiguration : IEntityTypeConfiguration<GoalRecord>
{
    public void Configure(EntityTypeBuilder<GoalRecord> goal)
    {
        goal.ToTable("growth_goals");
        goal.HasKey(g => g.Id);
        goal.Property(g => g.Text).HasMaxLength(GoalRules.MaxTextLength);
        goal.Property(g => g.OpenKey).HasMaxLength(GoalRules.MaxTextLength);
        goal.Property(g => g.Topic).HasMaxLength(GoalRules.MaxTopicLength);
        goal.Property(g => g.Progress).HasMaxLength(1000);
        goal.Property(g => g.Source).HasMaxLength(20);
        goal.Property(g => g.Status).HasConversion<string>().HasMaxLength(20);
        goal.HasIndex(g => new { g.PersonId, g.OpenKey }).IsUnique();
    }
}

internal sealed class OnboardingJourneyConfiguration : IEntityTypeConfiguration<OnboardingJourneyRecord>
{
    public void Configure(EntityTypeBuilder<OnboardingJourneyRecord> journey)
    {
        journey.ToTable("growth_journeys");
        journey.HasKey(j => j.PersonId);
        journey.Property(j => j.PassedBuddies).HasMaxLength(2000);
        journey.Property(j => j.DoneSteps).HasMaxLength(500);
        journey.HasIndex(j => j.BuddyPersonId);
        journey.HasIndex(j => j.FinishedAt);
    }
}

internal sealed class BuddyVolunteerConfiguration : IEntityTypeConfiguration<BuddyVolunteerRecord>
{
    public void Configure(EntityTypeBuilder<BuddyVolunteerRecord> volunteer)
    {
        volunteer.ToTable("growth_buddy_volunteers");
        volunteer.HasKey(v => v.PersonId);
    }
}

internal sealed class OnboardingCheckInConfiguration : IEntityTypeConfiguration<OnboardingCheckInRecord>
{
    public void Configure(EntityTypeBuilder<OnboardingCheckInRecord> checkIn)
    {
        checkIn.ToTable("growth_check_ins");
        checkIn.HasKey(c => c.Id);
        checkIn.HasIndex(c => new { c.PersonId, c.Day }).IsUnique();
        checkIn.Property(c => c.Progress).HasMaxLength(3000);
        checkIn.Property(c => c.Hard).HasMaxLength(1000);
        checkIn.Property(c => c.Helped).HasMaxLength(1000);
    }
}

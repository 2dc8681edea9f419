using LearningBot.Core.Kernel;
using LearningBot.Core.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LearningBot.Core.Quizzes;

/// <summary>A learner's quiz preferences and counters. A learner without a row has the defaults.</summary>
public sealed class QuizSettingsRecord
{
    public Guid PersonId { get; set; }
    /// <summary>IANA zone chosen in quiz settings; null = the zone the channel reports for the person, else UTC.</summary>
    public string? TimeZone { get; set; }
    /// <summary>Local time of day the quiz goes out.</summary>
    public TimeOnly DeliveryTime { get; set; } = new(9, 30);
    /// <summary>Days of the week, as a bit set of 1 &lt;&lt; DayOfWeek (Monday–Friday by default).</summary>
    public int Days { get; set; } = WorkingDays;
    public int QuestionsPerDay { get; set; } = 1;
    /// <summary>Quizzes resume on this local date (vacation hold); null = not paused.</summary>
    public DateOnly? PausedUntil { get; set; }
    public bool Stopped { get; set; }
    /// <summary>True when the bot stopped quizzes itself after unanswered ones (so the note is sent once).</summary>
    public bool StoppedForSilence { get; set; }
    /// <summary>Daily quizzes delivered since the last answer.</summary>
    public int ConsecutiveUnanswered { get; set; }
    /// <summary>Daily quizzes answered in a row.</summary>
    public int Streak { get; set; }
    public int LongestStreak { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public const int WorkingDays = LocalCalendar.WorkingDays;
}

/// <summary>FSRS memory state of one learner × one question. No row = the question is new to the learner.</summary>
public sealed class QuizCardRecord
{
    public long Id { get; set; }
    public Guid PersonId { get; set; }
    public required string QuestionId { get; set; }
    public required string LessonId { get; set; }
    /// <summary>FSRS state: 0 New (queued, never answered), 2 Review.</summary>
    public int State { get; set; }
    public double Stability { get; set; }
    public double Difficulty { get; set; }
    public DateTimeOffset Due { get; set; }
    public int ScheduledDays { get; set; }
    public int Reps { get; set; }
    public int Lapses { get; set; }
    public DateTimeOffset? LastReview { get; set; }
}

/// <summary>One answered question: analytics and a later per-organisation parameter fit read these.</summary>
public sealed class QuizReviewRecord
{
    public long Id { get; set; }
    public Guid PersonId { get; set; }
    public required string QuestionId { get; set; }
    public long DeliveryId { get; set; }
    public DateTimeOffset ReviewedAt { get; set; }
    /// <summary>1 Again … 4 Easy.</summary>
    public int Rating { get; set; }
    /// <summary>The choice the learner pressed (0-based), so the card can show it again.</summary>
    public int Choice { get; set; }
    public int ElapsedDays { get; set; }
    public int StateBefore { get; set; }
    public double StabilityBefore { get; set; }
    public double DifficultyBefore { get; set; }
    public DateTimeOffset? DueBefore { get; set; }
    public int StateAfter { get; set; }
    public double StabilityAfter { get; set; }
    public double DifficultyAfter { get; set; }
    public int ScheduledDaysAfter { get; set; }
    public DateTimeOffset DueAfter { get; set; }
}

/// <summary>One quiz card sent to a learner: the daily one (one per local date) or one asked for with "quiz".</summary>
public sealed class QuizDeliveryRecord
{
    public long Id { get; set; }
    public Guid PersonId { get; set; }
    /// <summary>The learner's local date the quiz belongs to.</summary>
    public DateOnly LocalDate { get; set; }
    public QuizDeliveryKind Kind { get; set; }
    /// <summary>'|'-separated question ids, in card order.</summary>
    public required string QuestionIds { get; set; }
    /// <summary>'|'-separated ids of the questions already answered on this card.</summary>
    public string AnsweredQuestionIds { get; set; } = "";
    public long? OutboxMessageId { get; set; }
    public OutboxMessageRecord? OutboxMessage { get; set; }
    /// <summary>The channel's id of the card message, once sent.</summary>
    public string? CardMessageId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FirstAnsweredAt { get; set; }
}

/// <summary>Why a quiz was sent: the daily quiz, or one the learner asked for.</summary>
public enum QuizDeliveryKind
{
    Daily = 0,
    OnDemand = 1,
}

internal sealed class QuizSettingsConfiguration : IEntityTypeConfiguration<QuizSettingsRecord>
{
    public void Configure(EntityTypeBuilder<QuizSettingsRecord> settings)
    {
        settings.ToTable("quiz_settings");
        settings.HasKey(s => s.PersonId);
        settings.Property(s => s.TimeZone).HasMaxLength(100);
    }
}

internal sealed class QuizCardConfiguration : IEntityTypeConfiguration<QuizCardRecord>
{
    public void Configure(EntityTypeBuilder<QuizCardRecord> card)
    {
        card.ToTable("quiz_cards");
        card.HasKey(c => c.Id);
        card.Property(c => c.QuestionId).HasMaxLength(120);
        card.Property(c => c.LessonId).HasMaxLength(100);
        card.HasIndex(c => new { c.PersonId, c.QuestionId }).IsUnique();
        card.HasIndex(c => new { c.PersonId, c.Due });
    }
}

internal sealed class QuizReviewConfiguration : IEntityTypeConfiguration<QuizReviewRecord>
{
    public void Configure(EntityTypeBuilder<QuizReviewRecord> review)
    {
        review.ToTable("quiz_reviews");
        review.HasKey(r => r.Id);
        review.Property(r => r.QuestionId).HasMaxLength(120);
        // One review per question per card: a click that arrives twice counts once.
        review.HasIndex(r => new { r.DeliveryId, r.QuestionId }).IsUnique();
        review.HasIndex(r => new { r.PersonId, r.ReviewedAt });
    }
}

internal sealed class QuizDeliveryConfiguration : IEntityTypeConfiguration<QuizDeliveryRecord>
{
    public void Configure(EntityTypeBuilder<QuizDeliveryRecord> delivery)
    {
        delivery.ToTable("quiz_deliveries");
        delivery.HasKey(d => d.Id);
        delivery.Property(d => d.QuestionIds).HasMaxLength(400);
        delivery.Property(d => d.AnsweredQuestionIds).HasMaxLength(400);
        delivery.Property(d => d.CardMessageId).HasMaxLength(400);
        // One daily quiz per learner per local date, whoever writes it (a re-run, a restart, a second instance).
        // The filter is the same SQL in SQLite and PostgreSQL; on-demand quizzes are not limited.
        delivery.HasIndex(d => new { d.PersonId, d.LocalDate }).IsUnique().HasFilter("\"Kind\" = 0").HasDatabaseName("IX_quiz_deliveries_daily");
        delivery.HasIndex(d => d.OutboxMessageId);
        delivery.HasOne(d => d.OutboxMessage).WithMany().HasForeignKey(d => d.OutboxMessageId).OnDelete(DeleteBehavior.SetNull);
    }
}

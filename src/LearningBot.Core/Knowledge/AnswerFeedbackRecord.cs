using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LearningBot.Core.Knowledge;

/// <summary>A 👍 or 👎 on an answer: which question, which lesson, from whom. Analytics and retrieval tuning use it.</summary>
public sealed class AnswerFeedbackRecord
{
    public int Id { get; set; }
    /// <summary>Idempotency key: the click's event id, so a redelivered click counts once.</summary>
    public required string EventId { get; set; }
    public Guid PersonId { get; set; }
    public required string Question { get; set; }
    public required string LessonId { get; set; }
    public bool Helpful { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>A question the library could not answer: the content gaps L&amp;D should write lessons for.</summary>
public sealed class ContentGapRecord
{
    public int Id { get; set; }
    public required string EventId { get; set; }
    public Guid PersonId { get; set; }
    public required string Question { get; set; }
    /// <summary>The closest lesson offered instead, if any.</summary>
    public string? ClosestLessonId { get; set; }
    /// <summary>Out-of-scope topic the question matched (e.g. "IT help desk"), if any.</summary>
    public string? RedirectTopic { get; set; }
    public DateTimeOffset At { get; set; }
}

internal sealed class AnswerFeedbackConfiguration : IEntityTypeConfiguration<AnswerFeedbackRecord>
{
    public void Configure(EntityTypeBuilder<AnswerFeedbackRecord> builder)
    {
        builder.ToTable("answer_feedback");
        builder.HasIndex(f => f.EventId).IsUnique();
        builder.HasIndex(f => f.LessonId);
        builder.Property(f => f.Question).HasMaxLength(1000);
    }
}

internal sealed class ContentGapConfiguration : IEntityTypeConfiguration<ContentGapRecord>
{
    public void Configure(EntityTypeBuilder<ContentGapRecord> builder)
    {
        builder.ToTable("content_gaps");
        builder.HasIndex(g => g.EventId).IsUnique();
        builder.Property(g => g.Question).HasMaxLength(1000);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LearningBot.Core.Knowledge;

/// <summary>
/// One question put to the library (free text, not small talk) and what became of it: answered by a lesson or
/// declined. Analytics counts questions asked, answered and declined, and how often each lesson answered, from here.
/// </summary>
public sealed class AskedQuestionRecord
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <summary>The inbound event it came in with: a redelivered message counts once.</summary>
    public required string EventId { get; set; }

    /// <summary>Who asked.</summary>
    public Guid PersonId { get; set; }

    /// <summary>Answered by a lesson, or declined (a content gap).</summary>
    public bool Answered { get; set; }

    /// <summary>The lesson that answered, when answered.</summary>
    public string? LessonId { get; set; }

    /// <summary>When it was asked.</summary>
    public DateTimeOffset At { get; set; }
}

internal sealed class AskedQuestionConfiguration : IEntityTypeConfiguration<AskedQuestionRecord>
{
    public void Configure(EntityTypeBuilder<AskedQuestionRecord> builder)
    {
        builder.ToTable("asked_questions");
        builder.HasIndex(q => q.EventId).IsUnique();
        builder.HasIndex(q => q.At);
        builder.Property(q => q.EventId).HasMaxLength(200);
        builder.Property(q => q.LessonId).HasMaxLength(100);
    }
}

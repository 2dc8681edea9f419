using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LearningBot.Core.Knowledge;

/// <summary>
/// One way of saying what a lesson answers — its intro, one '##' section, one of its quiz questions — with the
/// sentence embedding computed at import, so that start-up and queries never re-embed an unchanged library.
/// </summary>
public sealed class LessonViewRecord
{
    public int Id { get; set; }
    public required string LessonId { get; set; }
    /// <summary>intro, section or question.</summary>
    public required string Kind { get; set; }
    /// <summary>The section ordinal for intro (0) and section views; the question's position for question views.</summary>
    public int Ordinal { get; set; }
    public required string Text { get; set; }
    /// <summary>Unit-length float32 vector, little-endian.</summary>
    [SuppressMessage("Performance", "CA1819:Properties should not return arrays", Justification = "EF maps the embedding to a blob column as byte[].")]
    public required byte[] Embedding { get; set; }
}

internal sealed class LessonViewConfiguration : IEntityTypeConfiguration<LessonViewRecord>
{
    public void Configure(EntityTypeBuilder<LessonViewRecord> builder)
    {
        builder.ToTable("lesson_views");
        builder.HasIndex(v => v.LessonId);
        builder.HasOne<LessonRecord>().WithMany().HasForeignKey(v => v.LessonId).OnDelete(DeleteBehavior.Cascade);
    }
}

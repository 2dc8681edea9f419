using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LearningBot.Core.Knowledge;

/// <summary>A lesson as stored: one row per imported Markdown file.</summary>
public sealed class LessonRecord
{
    public required string Id { get; set; }
    public required string Title { get; set; }
    public required string Summary { get; set; }
    /// <summary>Tags, skills and audience are stored as '|'-separated lists: small, provider-neutral, searchable with LIKE.</summary>
    public string Tags { get; set; } = "";
    public string Skills { get; set; } = "";
    public string Audience { get; set; } = "all";
    public int? Minutes { get; set; }
    public DateOnly? Updated { get; set; }
    public required string BodyMarkdown { get; set; }
    /// <summary>Front-matter keys this version does not know, kept as JSON so newer libraries still load.</summary>
    public string? ExtraFrontMatter { get; set; }
    /// <summary>Full path of the library folder the lesson came from; a re-import of that folder retires what is gone.</summary>
    public required string Library { get; set; }
    public required string SourceFile { get; set; }
    /// <summary>SHA-256 of the file's bytes; an unchanged file is skipped.</summary>
    public required string ContentHash { get; set; }
    public bool Retired { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<LessonSectionRecord> Sections { get; set; } = [];
    public List<QuizQuestionRecord> Questions { get; set; } = [];
}

/// <summary>The intro (ordinal 0) or one '##' section of a lesson; the unit that search ranks.</summary>
public sealed class LessonSectionRecord
{
    public int Id { get; set; }
    public required string LessonId { get; set; }
    public int Ordinal { get; set; }
    /// <summary>Empty for the intro.</summary>
    public string Heading { get; set; } = "";
    public required string Markdown { get; set; }
    /// <summary>The section as plain text, for the keyword index.</summary>
    public required string PlainText { get; set; }
}

/// <summary>A lesson's quiz question as imported: the question, its choices, the right one and the explanation.</summary>
public sealed class QuizQuestionRecord
{
    public required string Id { get; set; }
    public required string LessonId { get; set; }
    public int Ordinal { get; set; }
    public required string Question { get; set; }
    /// <summary>JSON array of strings.</summary>
    public required string Choices { get; set; }
    public int Answer { get; set; }
    public string Explanation { get; set; } = "";
    public bool Retired { get; set; }
}

internal sealed class LessonConfiguration : IEntityTypeConfiguration<LessonRecord>
{
    public void Configure(EntityTypeBuilder<LessonRecord> builder)
    {
        builder.ToTable("lessons");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).HasMaxLength(100);
        builder.Property(l => l.Title).HasMaxLength(200);
        builder.Property(l => l.Summary).HasMaxLength(280);
        builder.HasIndex(l => l.Library);
        builder.HasMany(l => l.Sections).WithOne().HasForeignKey(s => s.LessonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(l => l.Questions).WithOne().HasForeignKey(q => q.LessonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LessonSectionConfiguration : IEntityTypeConfiguration<LessonSectionRecord>
{
    public void Configure(EntityTypeBuilder<LessonSectionRecord> builder)
    {
        builder.ToTable("lesson_sections");
        builder.HasIndex(s => new { s.LessonId, s.Ordinal }).IsUnique();
    }
}

internal sealed class QuizQuestionConfiguration : IEntityTypeConfiguration<QuizQuestionRecord>
{
    public void Configure(EntityTypeBuilder<QuizQuestionRecord> builder)
    {
        builder.ToTable("quiz_questions");
        builder.HasKey(q => q.Id);
        builder.Property(q => q.Id).HasMaxLength(120);
    }
}

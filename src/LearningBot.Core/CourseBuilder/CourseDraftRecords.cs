using LearningBot.Core.Conversations;
using LearningBot.Core.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LearningBot.Core.CourseBuilder;

/// <summary>
/// A document shared with the bot to draft lessons from, and how far it has got: offered ("Build lessons from this
/// document?"), queued, drafting, then drafted, refused, failed or cancelled. The download link is kept only until
/// drafting starts; the document's text only when <see cref="CourseBuilderOptions.KeepDocumentText"/> is set.
/// </summary>
public sealed class CourseDocumentRecord
{
    public Guid Id { get; set; }
    /// <summary>The inbound event that shared the file: a redelivered share offers nothing new.</summary>
    public required string EventId { get; set; }
    public Guid AuthorPersonId { get; set; }
    public required ChannelKind Channel { get; set; }
    public required string FileName { get; set; }
    /// <summary>Where the channel lets the bot download the file; cleared once drafting has started.</summary>
    public string? DownloadUrl { get; set; }
    /// <summary>The channel's workspace the file belongs to , for its downloader.</summary>
    public string? Workspace { get; set; }
    public CourseDocumentStatus Status { get; set; }
    public int LessonsDone { get; set; }
    public int LessonsTotal { get; set; }
    /// <summary>Why the document was refused or drafting failed, as the author was told.</summary>
    public string? Outcome { get; set; }
    /// <summary>The document's text as read, only when configured to keep it.</summary>
    public string? Text { get; set; }
    public bool ModelUsed { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}

/// <summary>Where a shared document stands.</summary>
public enum CourseDocumentStatus
{
    Offered = 0,
    Queued = 1,
    Drafting = 2,
    Drafted = 3,
    Refused = 4,
    Failed = 5,
    Cancelled = 6,
    Declined = 7,
}

/// <summary>
/// One drafted microlesson waiting for its author's review. It is not in the library — not searchable, never quizzed —
/// until approved; approval imports <see cref="Markdown"/> (the content format) into the library as <see cref="LessonId"/>.
/// </summary>
public sealed class CourseDraftRecord
{
    public long Id { get; set; }
    public Guid DocumentId { get; set; }
    public int Ordinal { get; set; }
    /// <summary>The lesson id it is imported under; unique among drafts and the library when drafted.</summary>
    public required string LessonId { get; set; }
    public required string Title { get; set; }
    /// <summary>The lesson file in the content format, with its source passages in the front matter.</summary>
    public required string Markdown { get; set; }
    public bool ByModel { get; set; }
    public Guid AuthorPersonId { get; set; }
    public CourseDraftStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? EditedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
}

/// <summary>Where a draft stands: waiting for review, approved into the library, or discarded.</summary>
public enum CourseDraftStatus
{
    Draft = 0,
    Approved = 1,
    Discarded = 2,
}

/// <summary>The steps the course builder's buttons move records through; a stale or repeated click changes nothing.</summary>
internal static class CourseBuilderSteps
{
    /// <summary>An offered document waits for "Build lessons"; it is queued once.</summary>
    public static readonly CardStep<CourseDocumentRecord> Offered = new(d => d.Status == CourseDocumentStatus.Offered);

    /// <summary>A queued document is taken by one drafting run.</summary>
    public static readonly CardStep<CourseDocumentRecord> Queued = new(d => d.Status == CourseDocumentStatus.Queued);

    /// <summary>A document can be cancelled until drafting finishes.</summary>
    public static readonly CardStep<CourseDocumentRecord> Running = new(d => d.Status == CourseDocumentStatus.Queued || d.Status == CourseDocumentStatus.Drafting);

    /// <summary>A draft waits for Approve or Discard; one decision wins.</summary>
    public static readonly CardStep<CourseDraftRecord> InReview = new(d => d.Status == CourseDraftStatus.Draft);
}

internal sealed class CourseDocumentConfiguration : IEntityTypeConfiguration<CourseDocumentRecord>
{
    public void Configure(EntityTypeBuilder<CourseDocumentRecord> document)
    {
        document.ToTable("course_documents");
        document.HasKey(d => d.Id);
        document.Property(d => d.EventId).HasMaxLength(200);
        document.HasIndex(d => d.EventId).IsUnique();
        document.Property(d => d.Channel).HasMaxLength(20);
        document.Property(d => d.FileName).HasMaxLength(260);
        document.Property(d => d.DownloadUrl).HasMaxLength(2000);
        document.Property(d => d.Workspace).HasMaxLength(100);
        document.Property(d => d.Outcome).HasMaxLength(2000);
        document.HasIndex(d => new { d.AuthorPersonId, d.CreatedAt });
        document.HasIndex(d => d.Status);
    }
}

internal sealed class CourseDraftConfiguration : IEntityTypeConfiguration<CourseDraftRecord>
{
    public void Configure(EntityTypeBuilder<CourseDraftRecord> draft)
    {
        draft.ToTable("course_drafts");
        draft.HasKey(d => d.Id);
        draft.HasIndex(d => new { d.DocumentId, d.Ordinal }).IsUnique();
        draft.Property(d => d.LessonId).HasMaxLength(200);
        draft.HasIndex(d => d.LessonId).IsUnique();
        draft.Property(d => d.Title).HasMaxLength(300);
        draft.HasIndex(d => d.Status);
        draft.HasOne<CourseDocumentRecord>().WithMany().HasForeignKey(d => d.DocumentId).OnDelete(DeleteBehavior.Cascade);
    }
}

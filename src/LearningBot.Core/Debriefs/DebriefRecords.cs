using LearningBot.Core.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LearningBot.Core.Debriefs;

/// <summary>A post-project debrief a manager started: who, which template, until when, and how far it has got.</summary>
public sealed class DebriefRecord
{
    public Guid Id { get; set; }
    /// <summary>The inbound event that started it: a redelivered command starts nothing new.</summary>
    public required string StartEventId { get; set; }
    public required string Project { get; set; }
    public required string Template { get; set; }
    /// <summary>True when the template shares every answer with all participants.</summary>
    public bool Open { get; set; }
    public Guid ManagerPersonId { get; set; }
    public required ChannelKind Channel { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset Deadline { get; set; }
    public DateTimeOffset? HalfTimeRemindedAt { get; set; }
    public DateTimeOffset? DayBeforeRemindedAt { get; set; }
    /// <summary>Set once, when everyone answered or the deadline passed; the summary is queued in the same save.</summary>
    public DateTimeOffset? ClosedAt { get; set; }
    public List<DebriefParticipantRecord> Participants { get; set; } = [];

    /// <summary>The time zone the deadline was set in: the manager's (an IANA id), or null for UTC.</summary>
    public static Task<string?> ManagerTimeZoneAsync(Storage.LearningBotDbContext db, DebriefRecord debrief, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(debrief);
        var manager = debrief.ManagerPersonId;
        return db.Set<People.PersonRecord>().AsNoTracking().Where(p => p.Id == manager).Select(p => p.TimeZone).FirstOrDefaultAsync(cancellationToken);
    }
}

/// <summary>One participant's answers, saved as they go (a JSON object of question id → text).</summary>
public sealed class DebriefParticipantRecord
{
    public long Id { get; set; }
    public Guid DebriefId { get; set; }
    public Guid PersonId { get; set; }
    public string Name { get; set; } = "";
    public string Answers { get; set; } = "{}";
    public DateTimeOffset? SavedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
}

/// <summary>A lesson a participant proposed; the manager publishes it to the knowledge base or skips it.</summary>
public sealed class DebriefLessonRecord
{
    public long Id { get; set; }
    public Guid DebriefId { get; set; }
    public int Ordinal { get; set; }
    public Guid AuthorPersonId { get; set; }
    public required string Text { get; set; }
    public DebriefLessonStatus Status { get; set; }
    /// <summary>The knowledge lesson it became, once published.</summary>
    public string? LessonId { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
}

/// <summary>Where a lesson proposed in a debrief stands: waiting for the manager, published to the library, or skipped.</summary>
public enum DebriefLessonStatus
{
    Proposed = 0,
    Published = 1,
    Skipped = 2,
}

internal sealed class DebriefConfiguration : IEntityTypeConfiguration<DebriefRecord>
{
    public void Configure(EntityTypeBuilder<DebriefRecord> debrief)
    {
        debrief.ToTable("debriefs");
        debrief.HasKey(d => d.Id);
        debrief.Property(d => d.StartEventId).HasMaxLength(200);
        debrief.HasIndex(d => d.StartEventId).IsUnique();
        debrief.Property(d => d.Project).HasMaxLength(200);
        debrief.Property(d => d.Template).HasMaxLength(60);
        debrief.Property(d => d.Channel).HasMaxLength(20);
        debrief.HasIndex(d => d.ClosedAt);
        debrief.HasMany(d => d.Participants).WithOne().HasForeignKey(p => p.DebriefId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DebriefParticipantConfiguration : IEntityTypeConfiguration<DebriefParticipantRecord>
{
    public void Configure(EntityTypeBuilder<DebriefParticipantRecord> participant)
    {
        participant.ToTable("debrief_participants");
        participant.HasKey(p => p.Id);
        participant.HasIndex(p => new { p.DebriefId, p.PersonId }).IsUnique();
        participant.Property(p => p.Name).HasMaxLength(200);
    }
}

internal sealed class DebriefLessonConfiguration : IEntityTypeConfiguration<DebriefLessonRecord>
{
    public void Configure(EntityTypeBuilder<DebriefLessonRecord> lesson)
    {
        lesson.ToTable("debrief_lessons");
        lesson.HasKey(l => l.Id);
        lesson.HasIndex(l => new { l.DebriefId, l.Ordinal }).IsUnique();
        lesson.Property(l => l.Text).HasMaxLength(2000);
        lesson.Property(l => l.LessonId).HasMaxLength(200);
        lesson.HasOne<DebriefRecord>().WithMany().HasForeignKey(l => l.DebriefId).OnDelete(DeleteBehavior.Cascade);
    }
}

using LearningBot.Core.Kernel;
using LearningBot.Core.Knowledge;
using LearningBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LearningBot.Core.Analytics;

/// <summary>What L&amp;D decided about a content gap: linked to a lesson, or out of scope with where to go instead.</summary>
public sealed class ContentGapDecisionRecord
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <summary>The question as normalised (<see cref="AnalyticsService.GapKey"/>): one decision per question.</summary>
    public required string QuestionKey { get; set; }

    /// <summary>The question as it was last asked.</summary>
    public required string Question { get; set; }

    /// <summary>Linked or out of scope.</summary>
    public ContentGapDecision Decision { get; set; }

    /// <summary>The lesson it was linked to.</summary>
    public string? LessonId { get; set; }

    /// <summary>For out of scope: where people should go instead.</summary>
    public string? Redirect { get; set; }

    /// <summary>Who decided (an email or "api").</summary>
    public string DecidedBy { get; set; } = "";

    /// <summary>When.</summary>
    public DateTimeOffset DecidedAt { get; set; }
}

/// <summary>What became of a content gap.</summary>
public enum ContentGapDecision
{
    /// <summary>Linked to a lesson: the question is now a search view of it.</summary>
    Linked = 0,

    /// <summary>Not something the library will cover.</summary>
    OutOfScope = 1,
}

internal sealed class ContentGapDecisionConfiguration : IEntityTypeConfiguration<ContentGapDecisionRecord>
{
    public void Configure(EntityTypeBuilder<ContentGapDecisionRecord> builder)
    {
        builder.ToTable("content_gap_decisions");
        builder.HasIndex(d => d.QuestionKey).IsUnique();
        builder.Property(d => d.QuestionKey).HasMaxLength(1000);
        builder.Property(d => d.Question).HasMaxLength(1000);
        builder.Property(d => d.LessonId).HasMaxLength(100);
        builder.Property(d => d.Redirect).HasMaxLength(500);
        builder.Property(d => d.DecidedBy).HasMaxLength(320);
    }
}

/// <summary>The outcome of a content-gap inbox action: done, or why not.</summary>
public sealed record ContentGapOutcome(bool Done, string Message);

/// <summary>The content-gap inbox's actions: link a question to a lesson, mark it out of scope, draft a lesson.</summary>
public sealed class ContentGapInbox(LearningBotDbContext db, KnowledgeRecords knowledge, TimeProvider clock)
{
    /// <summary>
    /// Links <paramref name="question"/> to <paramref name="lessonId"/>: the question becomes a search view of the lesson
    /// (as a 👍 does), so the next person who asks it that way gets the answer, and it leaves the inbox.
    /// </summary>
    public async Task<ContentGapOutcome> LinkAsync(string question, string lessonId, string decidedBy, CancellationToken cancellationToken)
    {
        var key = AnalyticsService.GapKey(question);
        if (key.Length == 0)
        {
            return new ContentGapOutcome(false, "Send the question to link, as people asked it.");
        }
        if (!await db.Lessons.AnyAsync(l => l.Id == lessonId && !l.Retired, cancellationToken).ConfigureAwait(false))
        {
            return new ContentGapOutcome(false, $"There is no lesson '{lessonId}' in the library: send the id of a current lesson.");
        }
        if (!await DecideAsync(key, question, ContentGapDecision.Linked, lessonId, null, decidedBy, cancellationToken).ConfigureAwait(false))
        {
            return new ContentGapOutcome(false, "That question was already decided.");
        }
        await knowledge.TeachAsync(question, lessonId, cancellationToken).ConfigureAwait(false);
        return new ContentGapOutcome(true, $"Linked: people asking this now get '{lessonId}'.");
    }

    /// <summary>Marks <paramref name="question"/> out of scope, with where to go instead; it leaves the inbox.</summary>
    public async Task<ContentGapOutcome> OutOfScopeAsync(string question, string redirect, string decidedBy, CancellationToken cancellationToken)
    {
        var key = AnalyticsService.GapKey(question);
        if (key.Length == 0 || string.IsNullOrWhiteSpace(redirect))
        {
            return new ContentGapOutcome(false, "Send the question and where people should go instead (e.g. 'the IT help desk').");
        }
        return await DecideAsync(key, question, ContentGapDecision.OutOfScope, null, redirect.Trim(), decidedBy, cancellationToken).ConfigureAwait(false)
            ? new ContentGapOutcome(true, "Marked out of scope.")
            : new ContentGapOutcome(false, "That question was already decided.");
    }

    /// <summary>A lesson skeleton in the content format, pre-filled with the questions people asked.</summary>
    public static string DraftLesson(string id, string title, IEnumerable<string> questions)
    {
        ArgumentNullException.ThrowIfNull(questions);
        var asked = string.Join("\n", questions.Select(q => $"- {q.ReplaceLineEndings(" ").Trim()}"));
        return $"""
            ---
            id: {id}
            title: "{title.Replace("\"", "'", StringComparison.Ordinal)}"
            summary: "TODO: one or two sentences that answer the question."
            tags: [todo]
            ---

            ## What people asked

            {asked}

            ## The answer

            TODO: write the lesson.
            """ + "\n";
    }

    private async Task<bool> DecideAsync(string key, string question, ContentGapDecision decision, string? lessonId, string? redirect, string decidedBy, CancellationToken cancellationToken)
    {
        db.Set<ContentGapDecisionRecord>().Add(new ContentGapDecisionRecord
        {
            QuestionKey = key[..Math.Min(key.Length, 1000)], Question = question.Trim()[..Math.Min(question.Trim().Length, 1000)], Decision = decision,
            LessonId = lessonId, Redirect = redirect, DecidedBy = decidedBy, DecidedAt = clock.GetUtcNow(),
        });
        return await db.SaveOnceAsync(cancellationToken).ConfigureAwait(false);
    }
}

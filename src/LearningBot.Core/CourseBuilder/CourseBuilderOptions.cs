using LearningBot.Core.Modules;

namespace LearningBot.Core.CourseBuilder;

/// <summary>Section <c>LearningBot:CourseBuilder</c>: how large a document may be, how long a microlesson is, and what one document's drafting may cost.</summary>
public sealed class CourseBuilderOptions
{
    public const string Section = "LearningBot:CourseBuilder";

    /// <summary>The largest file accepted, in bytes (20 MB).</summary>
    public long MaxFileBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>The most pages a PDF may have.</summary>
    public int MaxPages { get; set; } = 200;

    /// <summary>The most words a document may have (about 200 pages of prose).</summary>
    public int MaxWords { get; set; } = 100_000;

    /// <summary>Reading speed used to size microlessons.</summary>
    public int WordsPerMinute { get; set; } = 200;

    /// <summary>A microlesson is at least this long when the document allows.</summary>
    public int MinLessonMinutes { get; set; } = 3;

    /// <summary>A microlesson is at most this long.</summary>
    public int MaxLessonMinutes { get; set; } = 7;

    /// <summary>The most lessons drafted from one document; the rest are reported as not drafted.</summary>
    public int MaxLessons { get; set; } = 40;

    /// <summary>With a model: the most output tokens one lesson's answer may use.</summary>
    public int MaxOutputTokensPerLesson { get; set; } = 2_000;

    /// <summary>With a model: the most tokens (prompt and answer) one document may use; drafting stops there.</summary>
    public int MaxTokensPerDocument { get; set; } = 100_000;

    /// <summary>With a model: how long one lesson's answer may take.</summary>
    public double ModelTimeoutSeconds { get; set; } = 90;

    /// <summary>How long one document's drafting may take in all.</summary>
    public double DocumentTimeoutSeconds { get; set; } = 900;

    /// <summary>
    /// Keep the document's text (as read) with the stored drafts after drafting. Off by default: the text exists only in
    /// memory while drafting, and only the drafts are stored.
    /// </summary>
    public bool KeepDocumentText { get; set; }

    /// <summary>How long a shared document waits for "Build lessons" before the offer lapses.</summary>
    public TimeSpan OfferLifetime { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>The rules for <see cref="CourseBuilderOptions"/>.</summary>
internal sealed class CourseBuilderOptionsValidator : OptionsRules<CourseBuilderOptions>
{
    protected override IEnumerable<(bool Holds, string Message)> Rules(CourseBuilderOptions options)
    {
        yield return (options.MaxFileBytes is >= 1024 and <= 200L * 1024 * 1024, "LearningBot:CourseBuilder:MaxFileBytes must be from 1024 to 209715200 (200 MB).");
        yield return (options.MaxPages is >= 1 and <= 2000, "LearningBot:CourseBuilder:MaxPages must be from 1 to 2000.");
        yield return (options.MaxWords is >= 100 and <= 1_000_000, "LearningBot:CourseBuilder:MaxWords must be from 100 to 1000000.");
        yield return (options.WordsPerMinute is >= 50 and <= 1000, "LearningBot:CourseBuilder:WordsPerMinute must be from 50 to 1000.");
        yield return (options.MinLessonMinutes >= 1 && options.MaxLessonMinutes <= 60 && options.MinLessonMinutes <= options.MaxLessonMinutes,
            "LearningBot:CourseBuilder:MinLessonMinutes and MaxLessonMinutes must satisfy 1 <= Min <= Max <= 60.");
        yield return (options.MaxLessons is >= 1 and <= 500, "LearningBot:CourseBuilder:MaxLessons must be from 1 to 500.");
        yield return (options.MaxOutputTokensPerLesson is >= 256 and <= 32_000, "LearningBot:CourseBuilder:MaxOutputTokensPerLesson must be from 256 to 32000.");
        yield return (options.MaxTokensPerDocument >= options.MaxOutputTokensPerLesson && options.MaxTokensPerDocument <= 10_000_000,
            "LearningBot:CourseBuilder:MaxTokensPerDocument must be at least MaxOutputTokensPerLesson and at most 10000000.");
        yield return (options.ModelTimeoutSeconds is > 0 and <= 600, "LearningBot:CourseBuilder:ModelTimeoutSeconds must be between 0 and 600.");
        yield return (options.DocumentTimeoutSeconds is > 0 and <= 7200 && options.DocumentTimeoutSeconds >= options.ModelTimeoutSeconds,
            "LearningBot:CourseBuilder:DocumentTimeoutSeconds must be at least ModelTimeoutSeconds and at most 7200.");
        yield return (options.OfferLifetime >= TimeSpan.FromMinutes(1) && options.OfferLifetime <= TimeSpan.FromDays(30),
            "LearningBot:CourseBuilder:OfferLifetime must be from 00:01:00 to 30.00:00:00.");
    }
}

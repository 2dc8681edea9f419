using System.Text.RegularExpressions;

namespace LearningBot.Core.Knowledge.Library;

/// <summary>
/// The lesson file format of CONTENT-FORMAT.md — YAML front matter between two '---' lines, then a CommonMark body —
/// as names and limits, so that <see cref="LessonParser"/> (reading lesson files) and <see cref="LessonWriter"/>
/// (writing the lessons the bot publishes itself) agree on every key and rule.
/// </summary>
public static partial class LessonFormat
{
    /// <summary>The line before and after the front matter.</summary>
    public const string Fence = "---";

    public const int MaxIdLength = 100;
    public const int MaxTitleLength = 200;
    public const int MaxSummaryLength = 280;
    public const int MinMinutes = 1;
    public const int MaxMinutes = 120;
    public const int MinChoices = 2;
    public const int MaxChoices = 10;

    /// <summary>How "updated" is written: an ISO date.</summary>
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>Whom a lesson is for when it does not say.</summary>
    public static IReadOnlyList<string> DefaultAudience { get; } = ["all"];

    /// <summary>The front-matter keys this version knows; others are kept as extra front matter.</summary>
    public static IReadOnlySet<string> KnownKeys { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Keys.Id, Keys.Title, Keys.Summary, Keys.Tags, Keys.Skills, Keys.Audience, Keys.Minutes, Keys.Updated, Keys.Quiz,
    };

    /// <summary>Lesson and question ids: lowercase letters, digits and single '-' between them.</summary>
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    public static partial Regex IdPattern();

    /// <summary>The front matter's keys, and a quiz question's (whose id is <see cref="Id"/> too).</summary>
    internal static class Keys
    {
        public const string Id = "id";
        public const string Title = "title";
        public const string Summary = "summary";
        public const string Tags = "tags";
        public const string Skills = "skills";
        public const string Audience = "audience";
        public const string Minutes = "minutes";
        public const string Updated = "updated";
        public const string Quiz = "quiz";
        public const string Question = "question";
        public const string Choices = "choices";
        public const string Answer = "answer";
        public const string Explanation = "explanation";
    }
}

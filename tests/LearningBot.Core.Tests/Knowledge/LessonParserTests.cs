using LearningBot.Core.Knowledge.Library;
using LearningBot.Testing;

namespace LearningBot.Core.Tests.Knowledge;

public sealed class LessonParserTests
{
    [Fact]
    public void A_valid_lesson_is_split_into_intro_and_sections()
    {
        var (lesson, problems) = LessonParser.Parse("sbi.md", LessonFolder.Lesson("feedback-sbi", quiz: LessonFolder.Quiz("feedback-sbi-q1")));

        Assert.Empty(problems);
        Assert.NotNull(lesson);
        Assert.Equal("feedback-sbi", lesson.Id);
        Assert.Equal(["feedback", "communication"], lesson.Tags);
        Assert.Equal(["all"], lesson.Audience);
        Assert.Equal(["", "Situation", "Impact"], lesson.Sections.Select(s => s.Heading));
        Assert.Equal("Intro paragraph about feedback.", lesson.Sections[0].PlainText);
        Assert.Equal("Say how the behavior affected you.", lesson.Sections[2].Markdown);
        var question = Assert.Single(lesson.Quiz);
        Assert.Equal(["The behavior", "The judgement", "The fix"], question.Choices);
        Assert.Equal(0, question.Answer);
    }

    [Theory]
    [InlineData("no front matter here", 1, "must start with a '---' line")]
    [InlineData("---\nid: x\n", 1, "no closing '---'")]
    [InlineData("---\nid: [unclosed\n---\nbody", 3, "invalid YAML")]
    [InlineData("---\ntitle: T\nsummary: S\n---\nbody", 2, "'id' is required")]
    [InlineData("---\nid: Has_Caps\ntitle: T\nsummary: S\n---\nbody", 2, "'id' must use lowercase")]
    [InlineData("---\nid: a\ntitle: T\nsummary: S\ntags: [Feedback]\n---\nbody", 5, "'tags' must be lowercase")]
    [InlineData("---\nid: a\ntitle: T\nsummary: S\nminutes: lots\n---\nbody", 5, "'minutes' must be a whole number")]
    [InlineData("---\nid: a\ntitle: T\nsummary: S\nupdated: 10/01/2026\n---\nbody", 5, "'updated' must be an ISO date")]
    [InlineData("---\nid: a\ntitle: T\nsummary: S\n---\n\n", 6, "body after the front matter is empty")]
    [InlineData("---\nid: a\ntitle: T\nsummary: S\nquiz:\n  - id: a-q1\n    question: Q?\n    choices: [x, y]\n    answer: 2\n---\nbody", 9, "'answer' must be the index")]
    [InlineData("---\nid: a\ntitle: T\nsummary: S\nquiz:\n  - id: a-q1\n    question: Q?\n    choices: [x]\n    answer: 0\n---\nbody", 8, "'choices' must be a list of 2 to 10")]
    public void A_broken_rule_is_reported_with_its_line(string text, int line, string rule)
    {
        var (lesson, problems) = LessonParser.Parse("bad.md", text);

        Assert.Null(lesson);
        var problem = Assert.Single(problems);
        Assert.Equal("bad.md", problem.File);
        Assert.Equal(line, problem.Line);
        Assert.Contains(rule, problem.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void A_summary_over_280_characters_is_rejected()
    {
        var (lesson, problems) = LessonParser.Parse("long.md", LessonFolder.Lesson("a", summary: new string('x', 281)));

        Assert.Null(lesson);
        Assert.Contains("limit is 280", Assert.Single(problems).Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_front_matter_keys_are_kept_but_ignored()
    {
        var text = LessonFolder.Lesson("a").Replace("minutes: 3", "minutes: 3\nreviewer: dana\nlevels: [1, 2]", StringComparison.Ordinal);

        var (lesson, problems) = LessonParser.Parse("a.md", text);

        Assert.Empty(problems);
        Assert.Equal("""{"reviewer":"dana","levels":["1","2"]}""", lesson!.ExtraFrontMatter);
    }

    [Fact]
    public void Every_fixture_lesson_parses()
    {
        var folder = Path.Combine(RepositoryPaths.Fixtures, "lessons");
        foreach (var file in Directory.EnumerateFiles(folder, "*.md"))
        {
            var (lesson, problems) = LessonParser.Parse(file, File.ReadAllText(file));
            Assert.True(lesson is not null, string.Join("; ", problems));
            Assert.InRange(lesson.Sections.Count, 3, 5);
        }
    }
}

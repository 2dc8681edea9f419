using System.Text.Json;
using LearningBot.Core.Conversations;
using LearningBot.Core.Debriefs;
using LearningBot.Core.Knowledge.Library;
using LearningBot.Testing;

namespace LearningBot.Core.Tests.Knowledge;

public sealed class LessonWriterTests
{
    /// <summary>Records with lists compare by reference; their JSON compares by content.</summary>
    private static void AssertSameLesson(Lesson expected, Lesson? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(actual));
    }

    private static Lesson Parsed(string text)
    {
        var (lesson, problems) = LessonParser.Parse("written.md", text);
        Assert.Empty(problems);
        return lesson!;
    }

    [Fact]
    public void A_written_lesson_parses_back_to_the_same_lesson_with_every_field()
    {
        var body = "# Giving feedback: \"SBI\"\n\nIntro with a colon: and a # hash.\n\n## Situation\n\nSay when.\n\n## Impact\n\nSay how it felt — ü, 日本.";
        var lesson = new Lesson
        {
            Id = "feedback-sbi",
            Title = "Giving feedback: \"SBI\" — #1",
            Summary = "Describe the situation, the behavior and its impact: then ask [politely].",
            Tags = ["feedback", "communication", "one two"],
            Skills = ["giving-feedback"],
            Audience = ["manager", "new-hire"],
            Minutes = 3,
            Updated = new DateOnly(2026, 10, 1),
            Body = body,
            Sections = LessonParser.SplitSections(body),
            Quiz =
            [
                new QuizQuestion("feedback-sbi-q1", "What comes after the situation: the \"behavior\"?", ["The behavior", "Your judgement, then", "A fix: now"], 0, "Describe the behavior next."),
                new QuizQuestion("feedback-sbi-q2", "Is it yes?", ["yes", "no"], 1, ""),
            ],
            ExtraFrontMatter = """{"reviewer":"dana","levels":["1","2"],"owner":{"team":"l\u0026d"}}""",
        };

        AssertSameLesson(lesson, Parsed(LessonWriter.Write(lesson)));
    }

    [Fact]
    public void Every_fixture_lesson_written_again_parses_to_the_same_lesson()
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Fixtures, "lessons"), "*.md"))
        {
            var lesson = Parsed(File.ReadAllText(file));
            AssertSameLesson(lesson, Parsed(LessonWriter.Write(lesson)));
        }
    }

    [Fact]
    public void A_published_debrief_lesson_parses_back_to_the_same_lesson_quiz_included()
    {
        var debrief = new DebriefRecord
        {
            Id = Guid.NewGuid(), StartEventId = "e1", Project = "Billing \"v2\" migration", Template = DebriefOptions.StandardTemplate,
            ManagerPersonId = Guid.NewGuid(), Channel = ChannelKind.Teams,
        };
        var quiz = new DebriefLessonQuiz("When should a migration team ask for realistic test data?", "In the first week", ["The week before go-live", "After the first failed run"]);
        var id = DebriefLessonDocument.Id(debrief.Project, 1);
        var lesson = DebriefLessonDocument.Lesson(id, debrief, "Ask the data team for realistic test data: in week one.\nIt saves a re-run.", "Ada", new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero), quiz);

        var parsed = Parsed(LessonWriter.Write(lesson));

        AssertSameLesson(lesson, parsed);
        Assert.Equal("debrief-billing-v2-migration-1", parsed.Id);
        Assert.Equal(["debrief", "billing-v2-migration"], parsed.Tags);
        var question = Assert.Single(parsed.Quiz);
        Assert.Equal("debrief-billing-v2-migration-1-q1", question.Id);
        Assert.Equal("In the first week", question.Choices[question.Answer]);
        Assert.Equal(3, question.Choices.Count);
    }
}

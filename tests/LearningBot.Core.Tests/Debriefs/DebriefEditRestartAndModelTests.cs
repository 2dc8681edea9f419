using LearningBot.Core.Cards;
using LearningBot.Core.Debriefs;
using LearningBot.Core.Knowledge;
using LearningBot.Core.Quizzes;
using LearningBot.Testing.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Core.Tests.Debriefs;

public sealed class DebriefEditRestartAndModelTests
{
    private static readonly Dictionary<string, string> Answers = new()
    {
        ["went-well"] = "Pairing on the migration.", ["went-badly"] = "Late test data.", ["differently"] = "Ask for test data in week one.",
        ["lesson"] = "get test data early", ["rating"] = "5",
    };

    private static CardAction Button(Card card, string verb) => card.Actions.First(a => a.Verb == verb);

    private static async Task<(Guid Grace, Guid Ada)> StartAsync(DebriefTestBed bed)
    {
        var grace = await bed.PersonAsync("Grace");
        var ada = await bed.PersonAsync("Ada");
        await bed.SayAsync(grace, "debrief Billing migration <at>Ada</at> by 2026-11-20", [DebriefTestBed.Mention("Ada")]);
        return (grace, ada);
    }

    [Fact]
    public async Task The_manager_can_reword_a_lesson_before_publishing_and_the_knowledge_base_gets_the_new_wording()
    {
        await using var bed = await DebriefTestBed.CreateAsync();
        var (grace, ada) = await StartAsync(bed);
        await bed.PressAsync(ada, Button((await bed.DeliverAsync()).Single().Card!, DebriefVerbs.Submit), Answers);
        var summary = (await bed.DeliverAsync()).Single().Card!;

        var edit = await bed.PressAsync(grace, Button(summary, DebriefVerbs.Edit));
        Assert.Equal("get test data early", edit.UpdatedCard!.Body.OfType<TextInputElement>().Single(i => i.Id == DebriefCards.LessonTextInput).Value);
        var empty = await bed.PressAsync(grace, Button(edit.UpdatedCard, DebriefVerbs.Publish), new Dictionary<string, string> { [DebriefCards.LessonTextInput] = "  " });
        Assert.Contains(empty.UpdatedCard!.Body.OfType<TextElement>(), t => t.Text.StartsWith("⚠ The lesson is empty", StringComparison.Ordinal));
        await bed.PressAsync(grace, Button(edit.UpdatedCard, DebriefVerbs.Publish),
            new Dictionary<string, string> { [DebriefCards.LessonTextInput] = "Ask the data team for realistic test data in the first week of a migration." });

        var lesson = await bed.QueryAsync(db => db.Lessons.Include(l => l.Sections).SingleAsync(l => l.Id == "debrief-billing-migration-1"));
        Assert.Contains("realistic test data in the first week", lesson.BodyMarkdown, StringComparison.Ordinal);
        Assert.Equal("debrief|billing-migration", lesson.Tags);
    }

    [Fact]
    public async Task A_quiz_question_added_when_publishing_puts_the_lesson_into_the_daily_quizzes()
    {
        var settings = new Dictionary<string, string?> { ["LearningBot:Debriefs:SchedulingEnabled"] = "false", ["LearningBot:Quizzes:SchedulingEnabled"] = "false" };
        await using var bed = await DebriefTestBed.CreateAsync(settings, [new DebriefFeature(), new QuizFeature()]);
        var (grace, ada) = await StartAsync(bed);
        await bed.PressAsync(ada, Button((await bed.DeliverAsync()).Single().Card!, DebriefVerbs.Submit), Answers);
        var edit = (await bed.PressAsync(grace, Button((await bed.DeliverAsync()).Single().Card!, DebriefVerbs.Edit))).UpdatedCard!;
        var lessonText = new KeyValuePair<string, string>(DebriefCards.LessonTextInput, "Ask the data team for realistic test data in the first week of a migration.");

        var incomplete = await bed.PressAsync(grace, Button(edit, DebriefVerbs.Publish), new Dictionary<string, string>([lessonText])
        {
            [DebriefCards.QuizQuestionInput] = "When should a migration team ask for realistic test data?",
            [DebriefCards.QuizAnswerInput] = "In the first week",
        });
        Assert.Contains(incomplete.UpdatedCard!.Body.OfType<TextElement>(), t => t.Text == "⚠ Give at least one wrong answer, one per line.");
        Assert.Equal("In the first week", incomplete.UpdatedCard.Body.OfType<TextInputElement>().Single(i => i.Id == DebriefCards.QuizAnswerInput).Value);
        Assert.False(await bed.QueryAsync(db => db.Lessons.AnyAsync(l => l.Id == "debrief-billing-migration-1")));

        await bed.PressAsync(grace, Button(edit, DebriefVerbs.Publish), new Dictionary<string, string>([lessonText])
        {
            [DebriefCards.QuizQuestionInput] = "When should a migration team ask for realistic test data?",
            [DebriefCards.QuizAnswerInput] = "In the first week",
            [DebriefCards.QuizOthersInput] = "The week before go-live\nAfter the first failed run\n",
        });

        var question = await bed.QueryAsync(db => db.Set<LearningBot.Core.Knowledge.QuizQuestionRecord>().SingleAsync(q => q.LessonId == "debrief-billing-migration-1"));
        Assert.Equal("debrief-billing-migration-1-q1", question.Id);
        await using var scope = bed.Scope();
        var track = await scope.ServiceProvider.GetRequiredService<QuestionBank>().DefaultTrackAsync(CancellationToken.None);
        var item = Assert.Single(track, q => q.Id == question.Id);
        Assert.Equal("In the first week", item.Choices[item.Answer]);
        Assert.Equal(3, item.Choices.Count);
    }

    [Fact]
    public async Task A_restart_between_saving_and_submitting_loses_nothing()
    {
        await using var bed = await DebriefTestBed.CreateAsync();
        var (grace, ada) = await StartAsync(bed);
        var card = (await bed.DeliverAsync()).Single().Card!;
        await bed.PressAsync(ada, Button(card, DebriefVerbs.Save), new Dictionary<string, string> { ["went-well"] = "Pairing on the migration." });

        await bed.RestartAsync();
        bed.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 12, 9, 0, 0, TimeSpan.Zero));
        await bed.With<DebriefScheduler, DebriefCheckReport>(s => s.CheckAsync(CancellationToken.None));
        var reminder = (await bed.DeliverAsync()).Single();
        Assert.Equal("Pairing on the migration.", reminder.Card!.Body.OfType<TextInputElement>().Single(i => i.Id == "went-well").Value);
        var rest = new Dictionary<string, string>(Answers);
        rest.Remove("went-well");
        await bed.PressAsync(ada, Button(reminder.Card, DebriefVerbs.Submit), rest);

        Assert.Equal(grace, (await bed.DeliverAsync()).Single().PersonId);
        var stored = await bed.QueryAsync(db => db.Set<DebriefParticipantRecord>().SingleAsync());
        Assert.Equal("Pairing on the migration.", DebriefSummaries.ParseAnswers(stored.Answers)["went-well"]);
    }

    [Fact]
    public async Task With_a_language_model_the_summary_adds_its_short_summary_and_without_one_a_failure_leaves_the_themes()
    {
        await using var model = await FakeChatCompletions.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["LearningBot:AI:Provider"] = "OpenAI", ["LearningBot:AI:Endpoint"] = model.Endpoint, ["LearningBot:AI:ApiKey"] = "test-key",
            ["LearningBot:AI:Model"] = "test-model", ["LearningBot:AI:TimeoutSeconds"] = "10",
        };
        await using var bed = await DebriefTestBed.CreateAsync(settings);
        var (grace, ada) = await StartAsync(bed);
        await bed.PressAsync(ada, Button((await bed.DeliverAsync()).Single().Card!, DebriefVerbs.Submit), Answers);

        model.AnswerWith("The team valued pairing and wants test data earlier.");
        var debriefId = await bed.QueryAsync(db => db.Set<DebriefRecord>().Select(d => d.Id).SingleAsync());
        var withModel = await bed.With<DebriefSummaries, DebriefSummary?>(s => s.BuildAsync(debriefId, withAi: true, CancellationToken.None));
        model.FailWith(500);
        var summary = (await bed.DeliverAsync()).Single(d => d.PersonId == grace).Card!;

        Assert.Equal("The team valued pairing and wants test data earlier.", withModel!.AiSummary);
        Assert.DoesNotContain(summary.Body.OfType<HeadingElement>(), h => h.Text == "In short");
        Assert.Contains("Pairing on the migration.", model.Requests[0].ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Ada", model.Requests[0].ToJsonString(), StringComparison.Ordinal);
    }
}

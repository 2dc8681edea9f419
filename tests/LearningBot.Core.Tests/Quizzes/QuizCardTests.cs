using LearningBot.Core.Cards;
using LearningBot.Core.Quizzes;

namespace LearningBot.Core.Tests.Quizzes;

public sealed class QuizCardTests
{
    [Fact]
    public void Long_choices_are_listed_in_the_text_and_answered_by_letter()
    {
        var question = new QuizItem("okr-q1", "okr", "Setting goals with OKRs", 0, "Which of these is a well-formed key result?",
            ["Work on the onboarding docs", "Reduce average time to first deploy for new hires from 10 days to 3", "Be more customer focused"], 1, "");

        var card = QuizCards.Quiz(7, [question], new Dictionary<string, int>());

        Assert.Equal(["A", "B", "C"], card.Actions.Select(a => a.Title));
        Assert.Equal("1", card.Actions[1].Data["choice"]);
        Assert.Contains(card.Body, e => e is TextElement { Text: var t } && t.Contains("- **B** Reduce average time to first deploy for new hires from 10 days to 3", StringComparison.Ordinal));
    }
}

using System.Globalization;
using LearningBot.Core.Cards;
using LearningBot.Core.Knowledge;
using LearningBot.Core.Quizzes;

namespace LearningBot.Core.Quizzes;

/// <summary>
/// The quiz card. It asks one question at a time: the choices of the first unanswered question are its buttons; each
/// answer updates the same card in place with right or wrong, the explanation and a link to the lesson, then the next
/// question's choices.
/// </summary>
public static class QuizCards
{
    public static Card Quiz(long deliveryId, IReadOnlyList<QuizItem> questions, IReadOnlyDictionary<string, int> answers, int streak = 0)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(answers);
        var body = new List<CardElement>();
        var actions = new List<CardAction>();
        QuizItem? lastAnswered = null;
        QuizItem? next = null;
        for (var i = 0; i < questions.Count; i++)
        {
            var question = questions[i];
            if (questions.Count > 1)
            {
                body.Add(new HeadingElement($"Question {i + 1} of {questions.Count}"));
            }
            if (answers.TryGetValue(question.Id, out var choice))
            {
                var right = choice == question.Answer;
                body.Add(new TextElement(question.Question));
                body.Add(new TextElement(right
                    ? $"✅ **Right** — {ChoiceText(question, question.Answer)}"
                    : $"❌ **Not quite.** You chose \"{ChoiceText(question, choice)}\"; the answer is **{ChoiceText(question, question.Answer)}**."));
                if (!string.IsNullOrWhiteSpace(question.Explanation))
                {
                    body.Add(new TextElement(question.Explanation) { Subtle = true });
                }
                lastAnswered = question;
            }
            else if (next is null)
            {
                next = question;
                body.Add(new TextElement($"**{question.Question}**"));
                // Teams and Slack cut long button titles; long choices are listed in the text and answered by letter.
                var lettered = question.Choices.Any(c => c.Length > MaxButtonChoiceLength);
                if (lettered)
                {
                    body.Add(new TextElement(string.Join("\n", question.Choices.Select((c, n) => $"- **{Letter(n)}** {c}"))));
                }
                for (var c = 0; c < question.Choices.Count; c++)
                {
                    actions.Add(CardAction.Submit(lettered ? Letter(c) : question.Choices[c], QuizVerbs.Answer, new Dictionary<string, string>
                    {
                        ["questionId"] = question.Id,
                        ["choice"] = c.ToString(CultureInfo.InvariantCulture),
                        ["deliveryId"] = deliveryId.ToString(CultureInfo.InvariantCulture),
                    }));
                }
            }
            else
            {
                body.Add(new TextElement("Answer the question above to see this one.") { Subtle = true });
            }
        }
        if (lastAnswered is not null)
        {
            actions.Add(KnowledgeCards.OpenLesson("Open full lesson", lastAnswered.LessonId));
        }
        if (next is null && streak > 1)
        {
            body.Add(new TextElement($"🔥 {streak} quizzes in a row.") { Subtle = true });
        }
        return new Card
        {
            Title = next is null ? "Quiz done — see you next time" : "Your quiz",
            Subtitle = next is null ? null : $"From \"{next.LessonTitle}\"",
            Body = body,
            Actions = actions,
        };
    }

    private const int MaxButtonChoiceLength = 30;

    private static string Letter(int index) => ((char)('A' + index)).ToString();

    /// <summary>The settings card; with <paramref name="enrolled"/> false (someone who never chose daily quizzes) it offers to start them (Save does too).</summary>
    public static Card Settings(QuizSettingsRecord settings, string zone, DateOnly today, bool enrolled = true)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var status = !enrolled
            ? "You don't get daily quizzes yet. Press **Start daily quizzes**, or choose a time and days and press **Save**."
            : settings.Stopped
            ? "Quizzes are **stopped**."
            : settings.PausedUntil is { } until && until > today
                ? $"Quizzes are **paused** until {until.ToString("dddd d MMMM", CultureInfo.InvariantCulture)}."
                : "Quizzes are **on**.";
        return new Card
        {
            Title = "Quiz settings",
            Subtitle = $"Time zone: {zone}",
            Body =
            [
                new TextElement(status),
                new TextInputElement("time", "Time of day (24-hour, your time zone)") { Value = settings.DeliveryTime.ToString("HH:mm", CultureInfo.InvariantCulture), Placeholder = "09:30", MaxLength = 5 },
                new TextInputElement("days", "Days") { Value = QuizSettingsInput.FormatDays(settings.Days), Placeholder = "Mon-Fri or Mon,Wed,Fri", MaxLength = 40 },
                new TextInputElement("questions", "Questions per quiz (1–3)") { Value = settings.QuestionsPerDay.ToString(CultureInfo.InvariantCulture), MaxLength = 1 },
                new TextInputElement("pause", "Pause for how many days? (0 = no pause)") { Value = "0", MaxLength = 3 },
                new TextInputElement("timezone", "Time zone (e.g. Europe/Berlin; empty = the one Teams or Slack reports)") { Value = settings.TimeZone ?? "", MaxLength = 60 },
            ],
            Actions =
            [
                CardAction.Submit("Save", QuizVerbs.SaveSettings, primary: true),
                !enrolled ? CardAction.Submit("Start daily quizzes", QuizVerbs.Start)
                : settings.Stopped || settings.PausedUntil > today ? CardAction.Submit("Resume quizzes", QuizVerbs.Resume) : CardAction.Submit("Stop quizzes", QuizVerbs.Stop),
            ],
        };
    }

    public static Card PausedForSilence(int unanswered) => new()
    {
        Title = "Quizzes paused for now",
        Body =
        [
            new TextElement($"Your last {unanswered} quizzes went unanswered, so I've paused them — no more until you want them back."),
            new TextElement("Type **quiz settings** and choose **Resume quizzes** whenever you like, or type **quiz** for a question now.") { Subtle = true },
        ],
        Actions = [CardAction.Submit("Resume quizzes", QuizVerbs.Resume, primary: true)],
    };

    private static string ChoiceText(QuizItem question, int index) =>
        index >= 0 && index < question.Choices.Count ? question.Choices[index] : $"choice {index + 1}";
}

using System.Globalization;
using System.Text.Json;
using LearningBot.Core.Cards;
using LearningBot.Core.Conversations;
using LearningBot.Core.Kernel;
using LearningBot.Core.Outbox;

namespace LearningBot.Core.Quizzes;

/// <summary>
/// The first message to someone whose organisation assigned them a track (Enrollment=Assigned): who the bot is, why
/// they get quizzes (the track assigned to their role, or to them), when the first comes (the next quiz day, never the
/// day of the introduction) and how to stop with one click. The dispatcher writes it at the person's quiz time on a
/// quiz day, with their settings row, in one transaction.
/// </summary>
public sealed class QuizIntroduction : IOutboxComposer
{
    /// <summary>The outbox kind of the introduction.</summary>
    public const string Kind = "quiz-intro";

    string IOutboxComposer.Kind => Kind;

    /// <summary>One introduction per person, ever.</summary>
    public static string Key(Guid personId) => $"quiz-intro:{personId}";

    /// <summary>The first of the learner's quiz days after <paramref name="today"/>.</summary>
    public static DateOnly FirstQuizDay(int days, DateOnly today)
    {
        for (var next = today.AddDays(1); next <= today.AddDays(7); next = next.AddDays(1))
        {
            if (LocalCalendar.Includes(days, next.DayOfWeek))
            {
                return next;
            }
        }
        return today.AddDays(1);
    }

    /// <summary>What the card needs, stored on the outbox row: the assigned tracks, the first quiz day and the time.</summary>
    public static string Payload(IReadOnlyList<string> tracks, DateOnly firstQuiz, TimeOnly time) =>
        JsonSerializer.Serialize(new IntroductionPayload(
            [.. tracks],
            firstQuiz.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            time.ToString("HH:mm", CultureInfo.InvariantCulture)));

    /// <summary>The introduction card.</summary>
    public static Card Card(IReadOnlyList<string> tracks, DateOnly firstQuiz, TimeOnly time)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        var at = time.ToString("HH:mm", CultureInfo.InvariantCulture);
        return new Card
        {
            Title = "Hi, I'm LearningBot 👋",
            Subtitle = "Your organisation's learning assistant, here in chat.",
            Body =
            [
                new TextElement($"Your organisation assigned you {Describe(tracks)}, so I'll help you keep it fresh: one short quiz question each working day at {at} your time, spaced so you remember what matters."),
                new TextElement($"Your first quiz comes on **{firstQuiz.ToString("dddd d MMMM", CultureInfo.InvariantCulture)}**."),
                new TextElement("Not for you? Press **Stop daily quizzes** — that's all it takes. **Quiz settings** changes the time and days; and ask me anything about how we work, any time.") { Subtle = true },
            ],
            Actions =
            [
                CardAction.Submit("Stop daily quizzes", QuizVerbs.Stop),
                CardAction.Submit("Quiz settings", QuizVerbs.Settings),
            ],
        };
    }

    /// <summary>"the lessons for your role (manager)", "Security basics", joined with "and".</summary>
    private static string Describe(IReadOnlyList<string> tracks)
    {
        var parts = tracks.Take(3).Select(t => t.StartsWith(QuestionBank.RoleTrackPrefix, StringComparison.Ordinal)
                ? $"the lessons for your role (**{t[QuestionBank.RoleTrackPrefix.Length..]}**)"
                : $"the track **{t}**")
            .ToList();
        return parts.Count switch
        {
            0 => "a learning track",
            1 => parts[0],
            _ => string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[^1],
        };
    }

    /// <inheritdoc />
    public Task<OutboundMessage?> ComposeAsync(OutboxMessageRecord message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        IntroductionPayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<IntroductionPayload>(message.Payload);
        }
        catch (JsonException)
        {
            payload = null;
        }
        if (payload is null
            || !DateOnly.TryParseExact(payload.FirstQuiz, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            || !TimeOnly.TryParseExact(payload.Time, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return Task.FromResult<OutboundMessage?>(null);
        }
        return Task.FromResult<OutboundMessage?>(OutboundMessage.FromCard(Card(payload.Tracks ?? [], first, time)));
    }

    /// <inheritdoc />
    public Task OnSentAsync(OutboxMessageRecord message, string channelMessageId, CancellationToken cancellationToken) => Task.CompletedTask;

    private sealed record IntroductionPayload(string[]? Tracks, string? FirstQuiz, string? Time);
}

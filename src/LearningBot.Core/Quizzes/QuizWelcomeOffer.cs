using System.Globalization;
using LearningBot.Core.Cards;
using LearningBot.Core.Conversations;
using LearningBot.Core.Help;
using LearningBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LearningBot.Core.Quizzes;

/// <summary>
/// The daily-quiz part of the welcome card in a 1:1 chat: "Start daily quizzes" / "Not now" for someone who has not
/// chosen them, a line saying they are on for someone who has. Nothing with Enrollment=Everyone (they come anyway).
/// </summary>
public sealed class QuizWelcomeOffer(LearningBotDbContext db, IOptions<QuizOptions> options) : IWelcomeOffer
{
    /// <inheritdoc />
    public async Task<WelcomeOffer?> OfferAsync(Turn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (options.Value.EnrollmentMode == QuizEnrollment.Everyone)
        {
            return null;
        }
        var settings = await db.Set<QuizSettingsRecord>().AsNoTracking().SingleOrDefaultAsync(s => s.PersonId == turn.PersonId, cancellationToken).ConfigureAwait(false);
        if (settings is { Stopped: false })
        {
            return new WelcomeOffer(
                $"Your daily quizzes are on: {QuizSettingsInput.FormatDays(settings.Days)} at {settings.DeliveryTime.ToString("HH:mm", CultureInfo.InvariantCulture)}. **quiz settings** changes them.",
                []);
        }
        var time = (settings?.DeliveryTime ?? new QuizSettingsRecord().DeliveryTime).ToString("HH:mm", CultureInfo.InvariantCulture);
        return new WelcomeOffer(
            $"**Daily quizzes?** One short question each working day at {time} your time, spaced so you remember. Only if you want them — you can stop any time.",
            [CardAction.Submit("Start daily quizzes", QuizVerbs.Start), CardAction.Submit("Not now", QuizVerbs.NotNow)]);
    }
}

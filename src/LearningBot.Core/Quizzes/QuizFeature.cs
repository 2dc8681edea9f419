using LearningBot.Core.Modules;
using LearningBot.Core.Quizzes.Fsrs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LearningBot.Core.Quizzes;

/// <summary>
/// Daily quizzes: the command, card buttons, FSRS, the dispatcher, the quiz cards in the outbox, and the job that
/// runs the dispatcher (when <see cref="QuizOptions.SchedulingEnabled"/>).
/// </summary>
public sealed class QuizFeature : ILearningBotFeature
{
    /// <inheritdoc />
    public void Register(FeatureRegistration feature)
    {
        ArgumentNullException.ThrowIfNull(feature);
        feature.Options<QuizOptions, QuizOptionsValidator>(QuizOptions.Section)
            .Command<QuizCommand>()
            .CardActions<QuizCardActions>()
            .Composer<QuizOutboxComposer>()
            .Composer<QuizPauseNoteComposer>()
            .Composer<WeeklySummaryComposer>()
            .Composer<QuizIntroduction>()
            .Job<QuizDispatchJob, QuizOptions>(QuizDispatchJob.Key, o => o.SchedulingEnabled ? o.DispatchInterval : null);

        var services = feature.Services;
        services.AddSingleton(sp => new FsrsScheduler(sp.GetRequiredService<IOptions<QuizOptions>>().Value.ToFsrsParameters()));
        services.AddSingleton<QuestionPicker>();
        services.AddScoped<QuestionBank>();
        services.AddScoped<QuizDispatcher>();
        services.AddScoped<QuizAnswers>();
        services.AddScoped<QuizSettingsService>();
        services.AddScoped<Help.IWelcomeOffer, QuizWelcomeOffer>();
    }
}

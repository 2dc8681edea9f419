using LearningBot.Core.Conversations;
using LearningBot.Core.Outbox;
using LearningBot.Core.Quizzes.Fsrs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;

namespace LearningBot.Core.Quizzes;

public static class QuizRegistration
{
    /// <summary>
    /// Daily quizzes: the command, card buttons, FSRS, the dispatcher and the outbox. With
    /// <see cref="QuizOptions.SchedulingEnabled"/> (the default), also the Quartz job that runs the dispatcher and the
    /// outbox worker — both only run inside a host.
    /// </summary>
    public static IServiceCollection AddQuizzes(this IServiceCollection services, IConfiguration? configuration = null)
    {
        var options = services.AddOptions<QuizOptions>();
        var section = configuration?.GetSection(QuizOptions.Section);
        if (section is not null)
        {
            options.Bind(section);
        }
        options.Validate(o => o.DesiredRetention is >= 0.70 and <= 0.97, "LearningBot:Quizzes:DesiredRetention must be from 0.70 to 0.97 (higher values sharply raise the number of reviews).")
            .Validate(o => o.MaximumInterval >= 1, "LearningBot:Quizzes:MaximumInterval must be at least 1 day.")
            .Validate(o => o.NewQuestionsPerDay is >= 0 and <= 3, "LearningBot:Quizzes:NewQuestionsPerDay must be from 0 to 3.")
            .Validate(o => o.UnansweredBeforePause >= 1, "LearningBot:Quizzes:UnansweredBeforePause must be at least 1.")
            .Validate(o => o.LateDeliveryWindow >= TimeSpan.Zero && o.LateDeliveryWindow < TimeSpan.FromDays(1), "LearningBot:Quizzes:LateDeliveryWindow must be from 0 to 24 hours.")
            .Validate(o => o.DispatchInterval >= TimeSpan.FromSeconds(10), "LearningBot:Quizzes:DispatchInterval must be at least 10 seconds.")
            .ValidateOnStart();

        services.AddOutbox(configuration);
        services.TryAddSingleton(sp => new FsrsScheduler(sp.GetRequiredService<IOptions<QuizOptions>>().Value.ToFsrsParameters()));
        services.TryAddSingleton<QuestionPicker>();
        services.TryAddScoped<QuestionBank>();
        services.TryAddScoped<QuizDispatcher>();
        services.TryAddScoped<QuizAnswers>();
        services.TryAddScoped<QuizSettingsService>();
        services.AddScoped<ICommandHandler, QuizCommand>();
        services.AddScoped<ICardActionHandler, QuizCardActions>();
        services.AddScoped<IOutboxComposer, QuizOutboxComposer>();
        services.AddScoped<IOutboxComposer, QuizPauseNoteComposer>();
        services.AddScoped<IOutboxComposer, WeeklySummaryComposer>();

        var scheduling = new QuizOptions();
        section?.Bind(scheduling);
        if (scheduling.SchedulingEnabled)
        {
            services.AddQuartz(quartz =>
            {
                quartz.AddJob<QuizDispatchJob>(job => job.WithIdentity(QuizDispatchJob.Key));
                quartz.AddTrigger(trigger => trigger
                    .ForJob(QuizDispatchJob.Key)
                    .WithIdentity("quiz-dispatch-every-interval", "quizzes")
                    .StartNow()
                    .WithSimpleSchedule(s => s.WithInterval(scheduling.DispatchInterval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
            });
            services.AddQuartzHostedService(q => q.WaitForJobsToComplete = true);
        }
        return services;
    }
}

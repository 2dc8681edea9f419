using LearningBot.Core.Conversations;
using LearningBot.Core.Outbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace LearningBot.Core.Debriefs;

public static class DebriefRegistration
{
    /// <summary>Post-project debriefs: the command, card buttons, outbox composers and (when scheduling is on) the reminder job.</summary>
    public static IServiceCollection AddDebriefs(this IServiceCollection services, IConfiguration? configuration = null)
    {
        var options = services.AddOptions<DebriefOptions>();
        var section = configuration?.GetSection(DebriefOptions.Section);
        if (section is not null)
        {
            options.Bind(section);
        }
        options.Validate(o => o.DefaultDays is >= 1 and <= 90, "LearningBot:Debriefs:DefaultDays must be from 1 to 90.")
            .Validate(o => o.CheckInterval >= TimeSpan.FromSeconds(10), "LearningBot:Debriefs:CheckInterval must be at least 10 seconds.")
            .Validate(o => o.EffectiveTemplates.Values.All(t => t.Questions.Count > 0 && t.Questions.All(q => q.Id.Length > 0 && q.Text.Length > 0)
                && t.Questions.Select(q => q.Id).Distinct(StringComparer.Ordinal).Count() == t.Questions.Count),
                "LearningBot:Debriefs:Templates: every template needs questions, each with a unique Id and a Text.")
            .ValidateOnStart();

        services.AddOutbox(configuration);
        services.AddScoped<DebriefSummaries>();
        services.AddScoped<DebriefService>();
        services.AddScoped<DebriefAnswers>();
        services.AddScoped<DebriefClosing>();
        services.AddScoped<DebriefLessonDecisions>();
        services.AddScoped<DebriefScheduler>();
        services.AddScoped<ICommandHandler, DebriefCommand>();
        services.AddScoped<ICardActionHandler, DebriefCardActions>();
        services.AddScoped<IOutboxComposer, DebriefCardComposer>();
        services.AddScoped<IOutboxComposer>(sp => new DebriefSummaryComposer(sp.GetRequiredService<DebriefSummaries>(), DebriefService.SummaryKind, forManager: true));
        services.AddScoped<IOutboxComposer>(sp => new DebriefSummaryComposer(sp.GetRequiredService<DebriefSummaries>(), DebriefService.SharedKind, forManager: false));

        var scheduling = new DebriefOptions();
        section?.Bind(scheduling);
        if (scheduling.SchedulingEnabled)
        {
            services.AddQuartz(quartz =>
            {
                quartz.AddJob<DebriefCheckJob>(job => job.WithIdentity(DebriefCheckJob.Key));
                quartz.AddTrigger(trigger => trigger
                    .ForJob(DebriefCheckJob.Key)
                    .WithIdentity("debrief-check-every-interval", "debriefs")
                    .StartNow()
                    .WithSimpleSchedule(s => s.WithInterval(scheduling.CheckInterval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
            });
            services.AddQuartzHostedService(q => q.WaitForJobsToComplete = true);
        }
        return services;
    }
}

using LearningBot.Core.Conversations;
using LearningBot.Core.Outbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace LearningBot.Core.Circles;

public static class CircleRegistration
{
    /// <summary>Peer learning circles: the command, the check-in button, outbox composers and (when scheduling is on) the rounds job.</summary>
    public static IServiceCollection AddCircles(this IServiceCollection services, IConfiguration? configuration = null)
    {
        var options = services.AddOptions<CircleOptions>();
        var section = configuration?.GetSection(CircleOptions.Section);
        if (section is not null)
        {
            options.Bind(section);
        }
        options.Validate(o => o.CheckInLead > o.RoundUpLead && o.RoundUpLead >= TimeSpan.Zero, "LearningBot:Circles:CheckInLead must be longer than RoundUpLead, and RoundUpLead zero or more.")
            .Validate(o => o.MissedBeforeAskingToPause >= 1, "LearningBot:Circles:MissedBeforeAskingToPause must be at least 1.")
            .Validate(o => o.CheckInterval >= TimeSpan.FromSeconds(10), "LearningBot:Circles:CheckInterval must be at least 10 seconds.")
            .ValidateOnStart();

        services.AddOutbox(configuration);
        services.AddScoped<CircleService>();
        services.AddScoped<CircleScheduler>();
        services.AddScoped<ICommandHandler, CircleCommand>();
        services.AddScoped<ICardActionHandler, CircleCardActions>();
        services.AddScoped<IOutboxComposer, CircleCheckInComposer>();
        services.AddScoped<IOutboxComposer, CircleRoundUpComposer>();

        var scheduling = new CircleOptions();
        section?.Bind(scheduling);
        if (scheduling.SchedulingEnabled)
        {
            services.AddQuartz(quartz =>
            {
                quartz.AddJob<CircleRoundJob>(job => job.WithIdentity(CircleRoundJob.Key));
                quartz.AddTrigger(trigger => trigger
                    .ForJob(CircleRoundJob.Key)
                    .WithIdentity("circle-rounds-every-interval", "circles")
                    .StartNow()
                    .WithSimpleSchedule(s => s.WithInterval(scheduling.CheckInterval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
            });
            services.AddQuartzHostedService(q => q.WaitForJobsToComplete = true);
        }
        return services;
    }
}

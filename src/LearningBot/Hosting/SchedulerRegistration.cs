using LearningBot.Core.Modules;
using Quartz;

namespace LearningBot.Hosting;

/// <summary>The one scheduler: Quartz, configured once, running the jobs the features contribute.</summary>
public static class SchedulerRegistration
{
    /// <summary>Registers Quartz and schedules, at start, each <see cref="ScheduledJob"/> whose interval is set.</summary>
    public static IServiceCollection AddScheduler(this IServiceCollection services)
    {
        services.AddQuartz();
        services.AddHostedService<ScheduledJobsRegistrar>();
        services.AddQuartzHostedService(q => q.WaitForJobsToComplete = true);
        return services;
    }
}

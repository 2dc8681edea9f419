using LearningBot.Core.Modules;
using LearningBot.Core.Storage;
using Microsoft.Extensions.Options;
using Quartz;

namespace LearningBot.Hosting;

/// <summary>The one scheduler: Quartz, configured once, running the jobs the features contribute.</summary>
public static class SchedulerRegistration
{
    /// <summary>The Quartz scheduler name; instances sharing a PostgreSQL database form one cluster under it.</summary>
    public const string SchedulerName = "LearningBot";

    /// <summary>
    /// Registers Quartz and schedules, at start, each <see cref="ScheduledJob"/> whose interval is set. On PostgreSQL
    /// (unless <see cref="SchedulerOptions.Clustered"/> is false) the jobs live in Quartz's clustered ADO.NET job
    /// store, whose tables the PostgreSQL migrations create, so each run fires on exactly one instance and another
    /// takes over when one stops; otherwise in memory.
    /// </summary>
    public static IServiceCollection AddScheduler(this IServiceCollection services, StorageOptions storage, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var settings = new SchedulerOptions();
        configuration.GetSection(SchedulerOptions.Section).Bind(settings);
        if (settings.Problems() is { Count: > 0 } problems)
        {
            throw new OptionsValidationException(SchedulerOptions.Section, typeof(SchedulerOptions), problems);
        }
        services.AddSingleton(settings);
        var clustered = storage.Provider == StorageProvider.PostgreSQL && settings.Clustered;
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s => s.InstanceName = SchedulerName);
            if (!clustered)
            {
                return;
            }
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(storage.ConnectionString);
                store.ConfigureStore(o =>
                {
                    o.MisfireThreshold = settings.MisfireThreshold;
                    o.SchemaProvisioning = SchemaProvisioning.Validate;
                });
                store.UseClustering(c =>
                {
                    c.CheckinInterval = settings.CheckinInterval;
                    c.CheckinMisfireThreshold = settings.CheckinMisfireThreshold;
                });
            });
        });
        services.AddHostedService<ScheduledJobsRegistrar>();
        services.AddQuartzHostedService(q => q.WaitForJobsToComplete = true);
        return services;
    }
}

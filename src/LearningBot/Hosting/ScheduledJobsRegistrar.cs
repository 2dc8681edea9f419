using LearningBot.Core.Modules;
using Quartz;

namespace LearningBot.Hosting;

/// <summary>
/// Schedules the features' jobs when the host starts, reading each interval from the feature's bound options. A run
/// missed during downtime is not replayed: each job catches up by itself on its next run. In a clustered job store
/// the schedule is shared: an instance that starts finds the trigger another made and leaves it alone when the
/// interval is the same (replacing it would restart the schedule and fire the job again at every start).
/// </summary>
internal sealed class ScheduledJobsRegistrar(ISchedulerFactory schedulers, IEnumerable<ScheduledJob> jobs, IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        foreach (var job in jobs)
        {
            if (job.Interval(services) is not { } interval)
            {
                continue;
            }
            if (await scheduler.GetTrigger(job.TriggerKey, cancellationToken).ConfigureAwait(false) is ISimpleTrigger existing
                && existing.RepeatInterval == interval
                && await scheduler.Exists(job.Key, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }
            var detail = JobBuilder.Create().OfType(job.JobType).WithIdentity(job.Key).Build();
            var trigger = TriggerBuilder.Create()
                .ForJob(job.Key)
                .WithIdentity(job.TriggerKey)
                .StartNow()
                .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
                .Build();
            await scheduler.ScheduleJob(detail, [trigger], ScheduleJobOptions.Replacing, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

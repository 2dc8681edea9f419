using Quartz;

namespace LearningBot.Core.Modules;

/// <summary>
/// A recurring job a feature contributes. The host's one scheduler registration turns each into a Quartz job and
/// trigger; <see cref="Interval"/> returns null when the job should not run in this instance.
/// </summary>
public sealed record ScheduledJob(Type JobType, JobKey Key, Func<IServiceProvider, TimeSpan?> Interval)
{
    /// <summary>The trigger's name: the job's name with "-every-interval".</summary>
    public TriggerKey TriggerKey => new($"{Key.Name}-every-interval", Key.Group);
}

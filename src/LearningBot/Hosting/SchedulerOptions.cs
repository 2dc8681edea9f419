namespace LearningBot.Hosting;

/// <summary>
/// Section LearningBot:Scheduler: how the one Quartz scheduler keeps its jobs. On PostgreSQL it is clustered on
/// Quartz's ADO.NET job store (tables made by the migrations), so instances sharing the database run each job once;
/// on SQLite (one instance) it keeps its jobs in memory.
/// </summary>
public sealed class SchedulerOptions
{
    public const string Section = "LearningBot:Scheduler";

    /// <summary>On PostgreSQL: true (the default) = clustered job store; false = in memory, every instance runs every job.</summary>
    public bool Clustered { get; set; } = true;

    /// <summary>How often an instance records in the database that it is alive (Quartz's cluster check-in).</summary>
    public TimeSpan CheckinInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long past a missed check-in the others wait before taking over a silent instance's running jobs.</summary>
    public TimeSpan CheckinMisfireThreshold { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How late a trigger may fire before it counts as misfired (then it waits for its next interval).</summary>
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>What is wrong with these settings, in words naming the keys; empty when nothing is.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (CheckinInterval < TimeSpan.FromMilliseconds(100) || CheckinInterval > TimeSpan.FromMinutes(10))
        {
            problems.Add($"{Section}:CheckinInterval must be between 00:00:00.1 and 00:10:00 (it is {CheckinInterval}).");
        }
        if (CheckinMisfireThreshold < TimeSpan.FromMilliseconds(100) || CheckinMisfireThreshold > TimeSpan.FromHours(1))
        {
            problems.Add($"{Section}:CheckinMisfireThreshold must be between 00:00:00.1 and 01:00:00 (it is {CheckinMisfireThreshold}).");
        }
        if (MisfireThreshold < TimeSpan.FromMilliseconds(100) || MisfireThreshold > TimeSpan.FromHours(1))
        {
            problems.Add($"{Section}:MisfireThreshold must be between 00:00:00.1 and 01:00:00 (it is {MisfireThreshold}).");
        }
        return problems;
    }
}

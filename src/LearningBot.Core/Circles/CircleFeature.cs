using LearningBot.Core.Modules;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Core.Circles;

/// <summary>
/// Peer learning circles: the command, the check-in and form buttons, check-in and round-up messages, and the job
/// that runs the rounds (when <see cref="CircleOptions.SchedulingEnabled"/>).
/// </summary>
public sealed class CircleFeature : ILearningBotFeature
{
    /// <inheritdoc />
    public void Register(FeatureRegistration feature)
    {
        ArgumentNullException.ThrowIfNull(feature);
        feature.Options<CircleOptions, CircleOptionsValidator>(CircleOptions.Section)
            .Command<CircleCommand>()
            .CardActions<CircleCardActions>()
            .Composer<CircleCheckInComposer>()
            .Composer<CircleRoundUpComposer>()
            .Job<CircleRoundJob, CircleOptions>(CircleRoundJob.Key, o => o.SchedulingEnabled ? o.CheckInterval : null);

        feature.Services.AddScoped<CircleService>();
        feature.Services.AddScoped<CircleScheduler>();
    }
}

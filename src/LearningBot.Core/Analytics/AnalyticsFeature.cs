using LearningBot.Core.Modules;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Core.Analytics;

/// <summary>
/// Analytics: figures over a period under the group-size rule (<see cref="AnalyticsService"/>), "my learning"
/// (<c>progress</c>), and the content-gap inbox. The host serves them as <c>/api/analytics/*</c>.
/// </summary>
public sealed class AnalyticsFeature : ILearningBotFeature
{
    /// <inheritdoc />
    public void Register(FeatureRegistration feature)
    {
        ArgumentNullException.ThrowIfNull(feature);
        feature.Options<AnalyticsOptions, AnalyticsOptionsValidator>(AnalyticsOptions.Section)
            .Command<ProgressCommand>();
        feature.Services.AddScoped<AnalyticsService>();
        feature.Services.AddScoped<ContentGapInbox>();
    }
}

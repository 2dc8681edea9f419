using LearningBot.Core.Modules;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Core.CourseBuilder;

/// <summary>The course builder: documents in, microlesson drafts out (COURSE-BUILDER.md).</summary>
public sealed class CourseBuilderFeature : ILearningBotFeature
{
    /// <inheritdoc />
    public void Register(FeatureRegistration feature)
    {
        ArgumentNullException.ThrowIfNull(feature);
        feature.Options<CourseBuilderOptions, CourseBuilderOptionsValidator>(CourseBuilderOptions.Section);
        feature.Services.AddSingleton<CourseBuilderModel>();
        feature.Services.AddScoped<CourseDrafter>();
    }
}

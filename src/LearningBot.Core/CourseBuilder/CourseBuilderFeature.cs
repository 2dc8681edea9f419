using LearningBot.Core.Conversations;
using LearningBot.Core.Modules;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Core.CourseBuilder;

/// <summary>
/// The course builder: documents in (shared in a 1:1 chat, or the CLI), microlesson drafts out, each reviewed by its
/// author before it joins the library (COURSE-BUILDER.md).
/// </summary>
public sealed class CourseBuilderFeature : ILearningBotFeature
{
    /// <inheritdoc />
    public void Register(FeatureRegistration feature)
    {
        ArgumentNullException.ThrowIfNull(feature);
        feature.Options<CourseBuilderOptions, CourseBuilderOptionsValidator>(CourseBuilderOptions.Section)
            .Command<BuildLessonsCommand>()
            .CardActions<CourseBuilderCardActions>()
            .Composer<CourseDraftCardComposer>();
        var services = feature.Services;
        services.AddSingleton<CourseBuilderModel>();
        services.AddScoped<CourseDrafter>();
        services.AddScoped<CourseDrafting>();
        services.AddScoped<CourseReview>();
        services.AddScoped<ISharedFileHandler, CourseBuilderFiles>();
        services.AddSingleton<CourseDraftingSignals>();
        services.AddHostedService<CourseDraftingWorker>();
    }
}

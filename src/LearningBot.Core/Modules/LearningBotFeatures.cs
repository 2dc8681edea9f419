using LearningBot.Core.Circles;
using LearningBot.Core.Debriefs;
using LearningBot.Core.Growth;
using LearningBot.Core.Help;
using LearningBot.Core.Knowledge;
using LearningBot.Core.Quizzes;
using LearningBot.Core.Recognition;

namespace LearningBot.Core.Modules;

/// <summary>The product's features, in the order their commands are listed in help.</summary>
public static class LearningBotFeatures
{
    /// <summary>What every installation needs to answer a turn: help and the welcome, and answers from the lessons.</summary>
    public static IReadOnlyList<ILearningBotFeature> Essentials { get; } = [new HelpFeature(), new KnowledgeFeature()];

    /// <summary>Every feature.</summary>
    public static IReadOnlyList<ILearningBotFeature> All { get; } =
        [.. Essentials, new QuizFeature(), new DebriefFeature(), new CircleFeature(), new RecognitionFeature(), new GrowthFeature(), new CourseBuilder.CourseBuilderFeature(), new Analytics.AnalyticsFeature()];
}

namespace LearningBot.Core.Modules;

/// <summary>
/// One feature of the product (Knowledge, Quizzes, Recognition, ...): a folder of <c>LearningBot.Core</c> that holds
/// all of it. Its one registration declares the feature's options (bound and validated once), handlers, outbox
/// composers and scheduled jobs; <see cref="CoreRegistration.AddLearningBotCore"/> wires every feature once.
/// </summary>
public interface ILearningBotFeature
{
    /// <summary>Declares the feature's services.</summary>
    void Register(FeatureRegistration feature);
}

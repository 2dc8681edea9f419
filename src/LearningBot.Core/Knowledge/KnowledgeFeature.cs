using LearningBot.Core.Conversations;
using LearningBot.Core.Knowledge.Library;
using LearningBot.Core.Knowledge.Search;
using LearningBot.Core.Modules;
using LearningBot.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Core.Knowledge;

/// <summary>
/// Just-in-time answers: the lesson library and its import, hybrid search, the optional language model, answers to
/// free text, <c>refresher</c>, the answer card's buttons and routing to experts.
/// </summary>
public sealed class KnowledgeFeature : ILearningBotFeature
{
    /// <inheritdoc />
    public void Register(FeatureRegistration feature)
    {
        ArgumentNullException.ThrowIfNull(feature);
        feature.Options<KnowledgeOptions, KnowledgeOptionsValidator>(KnowledgeOptions.Section)
            .Options<AiOptions, AiOptionsValidator>(AiOptions.Section)
            .Command<RefresherCommand>()
            .CardActions<KnowledgeCardActions>()
            .Command<ExpertsCommand>()
            .Composer<ExpertQuestionComposer>()
            .Composer<ExpertAnswerComposer>();

        var services = feature.Services;
        services.AddSingleton<LanguageModel>();
        services.AddScoped<IKeywordIndex>(sp => sp.GetRequiredService<LearningBotDbContext>().Provider == StorageProvider.PostgreSQL
            ? new PostgreSqlKeywordIndex(sp.GetRequiredService<LearningBotDbContext>())
            : new SqliteKeywordIndex(sp.GetRequiredService<LearningBotDbContext>()));
        services.AddSingleton<ISentenceEmbedder, MiniLmSentenceEmbedder>();
        services.AddSingleton<LessonVectorIndex>();
        services.AddSingleton<OutOfScopeCatalog>();
        services.AddScoped<IKnowledgeSearch, HybridKnowledgeSearch>();
        services.AddScoped<LessonImporter>();
        services.AddScoped<LessonCatalog>();
        services.AddScoped<KnowledgeRecords>();
        services.AddScoped<ExpertRouting>();
        services.AddScoped<KnowledgeAnswerer>();
        services.AddScoped<KnowledgeQuestionHandler>();
        services.AddScoped<IQuestionHandler>(sp => sp.GetRequiredService<KnowledgeQuestionHandler>());
    }
}

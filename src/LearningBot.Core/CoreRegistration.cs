using LearningBot.Core.Conversations;
using LearningBot.Core.Help;
using LearningBot.Core.Knowledge;
using LearningBot.Core.Knowledge.Library;
using LearningBot.Core.Knowledge.Search;
using LearningBot.Core.Outbox;
using LearningBot.Core.People;
using LearningBot.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LearningBot.Core;

public static class CoreRegistration
{
    /// <summary>Registers the channel-neutral core: turn processing, routing and the features. Storage is registered separately.</summary>
    public static IServiceCollection AddLearningBotCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<InboundEventLog>();
        services.AddScoped<PersonDirectory>();
        services.AddScoped<PeopleImporter>();
        services.AddScoped<PrivateReplies>();
        services.AddScoped<PersonalChats>();
        services.TryAddScoped<OutboxWriter>();
        services.AddScoped<ReportingLines>();
        services.AddScoped<ConversationReferenceStore>();
        services.AddScoped<TurnProcessor>();
        services.AddScoped<TurnRouter>();

        services.AddScoped<IWelcomeHandler, WelcomeHandler>();
        services.AddScoped<HelpCommand>();
        services.AddScoped<ICommandHandler>(sp => sp.GetRequiredService<HelpCommand>());
        services.AddScoped<ICardActionHandler>(sp => sp.GetRequiredService<HelpCommand>());
        services.AddOptions<KnowledgeOptions>();
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
        services.TryAddEnumerable([ServiceDescriptor.Scoped<IOutboxComposer, ExpertQuestionComposer>(), ServiceDescriptor.Scoped<IOutboxComposer, ExpertAnswerComposer>()]);
        services.AddScoped<KnowledgeAnswerer>();
        services.AddScoped<KnowledgeQuestionHandler>();
        services.AddScoped<IQuestionHandler>(sp => sp.GetRequiredService<KnowledgeQuestionHandler>());
        services.AddScoped<ICommandHandler, RefresherCommand>();
        services.AddScoped<ICardActionHandler, KnowledgeCardActions>();

        services.AddScoped<ICommandHandler, ExpertsCommand>();
        return services;
    }
}

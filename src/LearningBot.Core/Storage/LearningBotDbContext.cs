using LearningBot.Core.Conversations;
using LearningBot.Core.Knowledge;
using LearningBot.Core.People;
using Microsoft.EntityFrameworkCore;

namespace LearningBot.Core.Storage;

/// <summary>
/// The one database. It only gathers the features' mappings: each feature keeps its records and their
/// <see cref="IEntityTypeConfiguration{TEntity}"/> in its own folder. Each provider has a subclass in
/// LearningBot.Storage that keeps its own migrations; features use this type.
/// </summary>
public abstract class LearningBotDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>Lessons, from the content folder and from published debriefs.</summary>
    public DbSet<LessonRecord> Lessons => Set<LessonRecord>();

    /// <summary>Sections of the lessons, in order.</summary>
    public DbSet<LessonSectionRecord> LessonSections => Set<LessonSectionRecord>();

    /// <summary>Quiz questions written in the lessons.</summary>
    public DbSet<QuizQuestionRecord> QuizQuestions => Set<QuizQuestionRecord>();

    /// <summary>The searchable views of each lesson (sections, asked questions).</summary>
    public DbSet<LessonViewRecord> LessonViews => Set<LessonViewRecord>();

    /// <summary>👍/👎 on answers.</summary>
    public DbSet<AnswerFeedbackRecord> AnswerFeedback => Set<AnswerFeedbackRecord>();

    /// <summary>Questions the library had no answer for.</summary>
    public DbSet<ContentGapRecord> ContentGaps => Set<ContentGapRecord>();

    /// <summary>Channels where experts answer routed questions.</summary>
    public DbSet<ExpertChannelRecord> ExpertChannels => Set<ExpertChannelRecord>();

    /// <summary>Questions passed to the experts.</summary>
    public DbSet<RoutedQuestionRecord> RoutedQuestions => Set<RoutedQuestionRecord>();

    /// <summary>Everyone the bot knows.</summary>
    public DbSet<PersonRecord> People => Set<PersonRecord>();

    /// <summary>People's identities in each channel.</summary>
    public DbSet<ChannelAccountRecord> ChannelAccounts => Set<ChannelAccountRecord>();

    /// <summary>Conversations the bot can write into.</summary>
    public DbSet<ConversationReferenceRecord> ConversationReferences => Set<ConversationReferenceRecord>();

    /// <summary>Inbound events already handled.</summary>
    public DbSet<InboundEventRecord> InboundEvents => Set<InboundEventRecord>();

    /// <summary>Which database this is.</summary>
    public abstract StorageProvider Provider { get; }

    /// <summary>
    /// True when <paramref name="exception"/> is a unique-key (or primary-key) violation: the one database error that
    /// means "someone already did this". Every other error is real and must surface.
    /// </summary>
    public abstract bool IsUniqueViolation(DbUpdateException exception);

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(LearningBotDbContext).Assembly);
    }

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // Channels are stored by their enum member's name, as they always were.
        configurationBuilder.Properties<ChannelKind>().HaveConversion<string>();
    }
}

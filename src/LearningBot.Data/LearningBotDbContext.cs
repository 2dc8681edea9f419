using LearningBot.Data.Conversations;
using LearningBot.Data.Inbound;
using LearningBot.Data.Knowledge;
using LearningBot.Data.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LearningBot.Data;

/// <summary>
/// The one database. Each provider has a subclass so that each keeps its own migrations
/// (<see cref="SqliteLearningBotDbContext"/>, <see cref="PostgreSqlLearningBotDbContext"/>); features use this type.
/// </summary>
public abstract class LearningBotDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<LessonRecord> Lessons => Set<LessonRecord>();
    public DbSet<LessonSectionRecord> LessonSections => Set<LessonSectionRecord>();
    public DbSet<QuizQuestionRecord> QuizQuestions => Set<QuizQuestionRecord>();
    public DbSet<LessonViewRecord> LessonViews => Set<LessonViewRecord>();
    public DbSet<AnswerFeedbackRecord> AnswerFeedback => Set<AnswerFeedbackRecord>();
    public DbSet<ContentGapRecord> ContentGaps => Set<ContentGapRecord>();
    public DbSet<ExpertChannelRecord> ExpertChannels => Set<ExpertChannelRecord>();
    public DbSet<RoutedQuestionRecord> RoutedQuestions => Set<RoutedQuestionRecord>();
    public DbSet<PersonRecord> People => Set<PersonRecord>();
    public DbSet<ChannelAccountRecord> ChannelAccounts => Set<ChannelAccountRecord>();
    public DbSet<ConversationReferenceRecord> ConversationReferences => Set<ConversationReferenceRecord>();
    public DbSet<InboundEventRecord> InboundEvents => Set<InboundEventRecord>();

    public abstract StorageProvider Provider { get; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<LessonRecord>(lesson =>
        {
            lesson.ToTable("lessons");
            lesson.HasKey(l => l.Id);
            lesson.Property(l => l.Id).HasMaxLength(100);
            lesson.Property(l => l.Title).HasMaxLength(200);
            lesson.Property(l => l.Summary).HasMaxLength(280);
            lesson.HasIndex(l => l.Library);
            lesson.HasMany(l => l.Sections).WithOne().HasForeignKey(s => s.LessonId).OnDelete(DeleteBehavior.Cascade);
            lesson.HasMany(l => l.Questions).WithOne().HasForeignKey(q => q.LessonId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<LessonSectionRecord>(section =>
        {
            section.ToTable("lesson_sections");
            section.HasIndex(s => new { s.LessonId, s.Ordinal }).IsUnique();
        });
        modelBuilder.Entity<LessonViewRecord>(view =>
        {
            view.ToTable("lesson_views");
            view.HasIndex(v => v.LessonId);
            view.HasOne<LessonRecord>().WithMany().HasForeignKey(v => v.LessonId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<AnswerFeedbackRecord>(feedback =>
        {
            feedback.ToTable("answer_feedback");
            feedback.HasIndex(f => f.EventId).IsUnique();
            feedback.HasIndex(f => f.LessonId);
            feedback.Property(f => f.Question).HasMaxLength(1000);
        });
        modelBuilder.Entity<ContentGapRecord>(gap =>
        {
            gap.ToTable("content_gaps");
            gap.HasIndex(g => g.EventId).IsUnique();
            gap.Property(g => g.Question).HasMaxLength(1000);
        });
        modelBuilder.Entity<ExpertChannelRecord>(experts =>
        {
            experts.ToTable("expert_channels");
            experts.HasIndex(e => new { e.Channel, e.TeamId }).IsUnique();
        });
        modelBuilder.Entity<RoutedQuestionRecord>(routed =>
        {
            routed.ToTable("routed_questions");
            routed.HasIndex(r => r.EventId).IsUnique();
            routed.Property(r => r.Question).HasMaxLength(1000);
            routed.Property(r => r.Answer).HasMaxLength(4000);
        });
        modelBuilder.Entity<QuizQuestionRecord>(question =>
        {
            question.ToTable("quiz_questions");
            question.HasKey(q => q.Id);
            question.Property(q => q.Id).HasMaxLength(120);
        });
        modelBuilder.Entity<PersonRecord>(person =>
        {
            person.ToTable("people");
            person.HasMany(p => p.Accounts).WithOne().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);
            person.Property(p => p.Email).HasMaxLength(320);
            person.HasIndex(p => p.Email).IsUnique();
            person.HasIndex(p => p.ManagerPersonId);
            person.Property(p => p.Team).HasMaxLength(200);
            person.Property(p => p.Role).HasMaxLength(200);
        });
        modelBuilder.Entity<ChannelAccountRecord>(account =>
        {
            account.ToTable("channel_accounts");
            account.HasIndex(a => new { a.Channel, a.ExternalId }).IsUnique();
            account.HasIndex(a => a.AadObjectId);
        });
        modelBuilder.Entity<ConversationReferenceRecord>(reference =>
        {
            reference.ToTable("conversation_references");
            reference.HasIndex(r => new { r.Channel, r.ConversationId }).IsUnique();
            reference.HasIndex(r => r.PersonId);
        });
        modelBuilder.Entity<InboundEventRecord>(inbound =>
        {
            inbound.ToTable("inbound_events");
            inbound.HasKey(e => new { e.Channel, e.EventId });
            inbound.Property(e => e.Channel).HasMaxLength(20);
            inbound.Property(e => e.EventId).HasMaxLength(200);
        });

        // Each feature keeps its tables' mapping beside its records (IEntityTypeConfiguration in Data/<Feature>/).
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(LearningBotDbContext).Assembly);
    }
}

public enum StorageProvider
{
    Sqlite,
    PostgreSQL,
}

public sealed class SqliteLearningBotDbContext(DbContextOptions<SqliteLearningBotDbContext> options)
    : LearningBotDbContext(options)
{
    public override StorageProvider Provider => StorageProvider.Sqlite;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // SQLite cannot compare or order DateTimeOffset values; stored as UTC ticks they sort and compare correctly.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

public sealed class PostgreSqlLearningBotDbContext(DbContextOptions<PostgreSqlLearningBotDbContext> options)
    : LearningBotDbContext(options)
{
    public override StorageProvider Provider => StorageProvider.PostgreSQL;
}

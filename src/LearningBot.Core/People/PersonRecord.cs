using LearningBot.Core.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LearningBot.Core.People;

/// <summary>An employee the bot knows, whatever channel they use.</summary>
public sealed class PersonRecord
{
    public Guid Id { get; set; }
    public string DisplayName { get; set; } = "";
    /// <summary>IANA time zone reported by the channel, when known.</summary>
    public string? TimeZone { get; set; }
    public string? Locale { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<ChannelAccountRecord> Accounts { get; set; } = [];

    /// <summary>Work email, lower case: what links a person's Teams and Slack accounts and the people directory.</summary>
    public string? Email { get; set; }
    /// <summary>The person's manager, from the people directory.</summary>
    public Guid? ManagerPersonId { get; set; }
    public string? Team { get; set; }
    /// <summary>Free text from the people directory; "manager" makes the person a manager.</summary>
    public string? Role { get; set; }
    /// <summary>First working day, from the people directory (<c>start_date</c>): a new hire's onboarding journey starts then.</summary>
    public DateOnly? StartDate { get; set; }
    /// <summary>The learning buddy the directory names for a new hire (<c>buddy_email</c>); else one is matched from volunteers.</summary>
    public Guid? BuddyPersonId { get; set; }
    /// <summary>When the people directory last listed this person (null: known from chat only).</summary>
    public DateTimeOffset? DirectoryUpdatedAt { get; set; }
}

/// <summary>A person's identity in one channel (Teams user id 29:…, Slack user id).</summary>
public sealed class ChannelAccountRecord
{
    public int Id { get; set; }
    public required ChannelKind Channel { get; set; }
    public required string ExternalId { get; set; }
    public Guid PersonId { get; set; }
    /// <summary>Entra object id (Teams) — stable across bots, unlike the 29: id.</summary>
    public string? AadObjectId { get; set; }
    public string? TenantId { get; set; }
    /// <summary>When the channel was last asked for this account's email (Teams member lookup), so it is not asked on every turn.</summary>
    public DateTimeOffset? EmailCheckedAt { get; set; }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<PersonRecord>
{
    public void Configure(EntityTypeBuilder<PersonRecord> builder)
    {
        builder.ToTable("people");
        builder.HasMany(p => p.Accounts).WithOne().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(p => p.Email).HasMaxLength(320);
        builder.HasIndex(p => p.Email).IsUnique();
        builder.HasIndex(p => p.ManagerPersonId);
        builder.HasIndex(p => p.StartDate);
        builder.Property(p => p.Team).HasMaxLength(200);
        builder.Property(p => p.Role).HasMaxLength(200);
    }
}

internal sealed class ChannelAccountConfiguration : IEntityTypeConfiguration<ChannelAccountRecord>
{
    public void Configure(EntityTypeBuilder<ChannelAccountRecord> builder)
    {
        builder.ToTable("channel_accounts");
        builder.HasIndex(a => new { a.Channel, a.ExternalId }).IsUnique();
        builder.HasIndex(a => a.AadObjectId);
    }
}

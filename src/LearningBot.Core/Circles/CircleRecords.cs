using LearningBot.Core.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LearningBot.Core.Circles;

/// <summary>A peer learning circle: a topic, its members, a cadence, and the conversation its round-ups go to.</summary>
public sealed class CircleRecord
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    /// <summary>Lower-case name: unique per channel, so "circle join X" finds one circle.</summary>
    public required string NameKey { get; set; }
    public required string Topic { get; set; }
    public required ChannelKind Channel { get; set; }
    /// <summary>Where the round-up goes: the group chat or channel "circle create" was run in.</summary>
    public required string ConversationId { get; set; }
    public required string Cadence { get; set; }
    public DayOfWeek Day { get; set; }
    public TimeOnly LocalTime { get; set; }
    public required string TimeZone { get; set; }
    public Guid CreatedByPersonId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The next meeting; moved on when its round-up has gone out.</summary>
    public DateTimeOffset NextMeetingAt { get; set; }
    public int RoundsHeld { get; set; }
    /// <summary>Each round also pairs members up for a one-to-one chat.</summary>
    public bool PeerPairs { get; set; }
}

/// <summary>A person's membership of a circle; a member who left keeps the row with <c>LeftAt</c> set.</summary>
public sealed class CircleMemberRecord
{
    public long Id { get; set; }
    public Guid CircleId { get; set; }
    public Guid PersonId { get; set; }
    public string Name { get; set; } = "";
    public DateTimeOffset JoinedAt { get; set; }
    public DateTimeOffset? LeftAt { get; set; }
    public bool Paused { get; set; }
    /// <summary>The member sits this round out ("circle skip").</summary>
    public int? SkipsRound { get; set; }
    /// <summary>Rounds this member has facilitated; the next facilitator is one with the fewest.</summary>
    public int TimesFacilitated { get; set; }
    /// <summary>Check-ins ignored in a row; at three the member is asked, kindly, whether to pause.</summary>
    public int MissedInARow { get; set; }
}

/// <summary>One meeting of a circle: when it meets, and when its check-ins and round-up were sent.</summary>
public sealed class CircleRoundRecord
{
    public long Id { get; set; }
    public Guid CircleId { get; set; }
    public int Number { get; set; }
    public DateTimeOffset MeetingAt { get; set; }
    public DateTimeOffset CheckInsSentAt { get; set; }
    public DateTimeOffset? RoundUpSentAt { get; set; }
    public Guid? FacilitatorPersonId { get; set; }
    /// <summary>Peer pairs of this round: person ids joined by '+', pairs by ';' (a trio when the count is odd).</summary>
    public string? Pairs { get; set; }
    /// <summary>Who was paired (sorted ids, hashed): the pair rotation continues while this stays the same.</summary>
    public string? PairingKey { get; set; }
}

/// <summary>A member's check-in for one round: what they learned, where they are stuck, what they try next.</summary>
public sealed class CircleCheckInRecord
{
    public long Id { get; set; }
    public long RoundId { get; set; }
    public Guid PersonId { get; set; }
    public string Learned { get; set; } = "";
    public string Stuck { get; set; } = "";
    public string TryNext { get; set; } = "";
    public DateTimeOffset SubmittedAt { get; set; }
}

internal sealed class CircleConfiguration : IEntityTypeConfiguration<CircleRecord>
{
    public void Configure(EntityTypeBuilder<CircleRecord> circle)
    {
        circle.ToTable("circles");
        circle.HasKey(c => c.Id);
        circle.Property(c => c.Name).HasMaxLength(100);
        circle.Property(c => c.NameKey).HasMaxLength(100);
        circle.HasIndex(c => new { c.Channel, c.NameKey }).IsUnique();
        circle.Property(c => c.Topic).HasMaxLength(300);
        circle.Property(c => c.Channel).HasMaxLength(20);
        circle.Property(c => c.ConversationId).HasMaxLength(400);
        circle.Property(c => c.Cadence).HasMaxLength(20);
        circle.Property(c => c.TimeZone).HasMaxLength(100);
        circle.HasIndex(c => c.NextMeetingAt);
    }
}

internal sealed class CircleMemberConfiguration : IEntityTypeConfiguration<CircleMemberRecord>
{
    public void Configure(EntityTypeBuilder<CircleMemberRecord> member)
    {
        member.ToTable("circle_members");
        member.HasKey(m => m.Id);
        member.HasIndex(m => new { m.CircleId, m.PersonId }).IsUnique();
        member.Property(m => m.Name).HasMaxLength(200);
        member.HasOne<CircleRecord>().WithMany().HasForeignKey(m => m.CircleId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CircleRoundConfiguration : IEntityTypeConfiguration<CircleRoundRecord>
{
    public void Configure(EntityTypeBuilder<CircleRoundRecord> round)
    {
        round.ToTable("circle_rounds");
        round.HasKey(r => r.Id);
        // One round per circle and number: a second scheduler instance cannot open the same round twice.
        round.HasIndex(r => new { r.CircleId, r.Number }).IsUnique();
        round.Property(r => r.Pairs).HasMaxLength(4000);
        round.Property(r => r.PairingKey).HasMaxLength(64);
        round.HasOne<CircleRecord>().WithMany().HasForeignKey(r => r.CircleId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CircleCheckInConfiguration : IEntityTypeConfiguration<CircleCheckInRecord>
{
    public void Configure(EntityTypeBuilder<CircleCheckInRecord> checkIn)
    {
        checkIn.ToTable("circle_check_ins");
        checkIn.HasKey(c => c.Id);
        checkIn.HasIndex(c => new { c.RoundId, c.PersonId }).IsUnique();
        checkIn.Property(c => c.Learned).HasMaxLength(1000);
        checkIn.Property(c => c.Stuck).HasMaxLength(1000);
        checkIn.Property(c => c.TryNext).HasMaxLength(1000);
        checkIn.HasOne<CircleRoundRecord>().WithMany().HasForeignKey(c => c.RoundId).OnDelete(DeleteBehavior.Cascade);
    }
}

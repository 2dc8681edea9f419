using LearningBot.Core.Circles;
using LearningBot.Core.Conversations;
using LearningBot.Core.Kernel;
using LearningBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Core.Tests.Kernel;

public sealed class IdempotentSaveTests
{
    private static InboundEventRecord Event(string id) => new() { Channel = ChannelKind.Teams, EventId = id, ReceivedAt = DateTimeOffset.UnixEpoch };

    private static CircleRecord Circle(string name) => new()
    {
        Id = Guid.NewGuid(), Name = name, NameKey = name.ToLowerInvariant(), Topic = "forms", Channel = ChannelKind.Teams, ConversationId = "19:chat",
        Cadence = nameof(CircleCadence.Weekly), TimeZone = "Europe/Berlin",
    };

    [Fact]
    public async Task A_repeated_primary_key_is_already_done_and_the_context_stays_usable()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<LearningBotDbContext>();
        db.InboundEvents.Add(Event("e1"));
        Assert.True(await db.SaveOnceAsync(CancellationToken.None));

        await using (var other = database.Scope())
        {
            var otherDb = other.ServiceProvider.GetRequiredService<LearningBotDbContext>();
            otherDb.InboundEvents.Add(Event("e1"));
            Assert.False(await otherDb.SaveOnceAsync(CancellationToken.None));
            Assert.Empty(otherDb.ChangeTracker.Entries());

            otherDb.InboundEvents.Add(Event("e2"));
            Assert.True(await otherDb.SaveOnceAsync(CancellationToken.None));
        }
        Assert.Equal(["e1", "e2"], await db.InboundEvents.AsNoTracking().OrderBy(e => e.EventId).Select(e => e.EventId).ToListAsync());
    }

    [Fact]
    public async Task A_repeated_unique_index_is_already_done_and_only_that_save_is_undone()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<LearningBotDbContext>();
        var first = Circle("Design Crit");
        var untouched = Circle("Book Club");
        db.AddRange(first, untouched);
        Assert.True(await db.SaveOnceAsync(CancellationToken.None));

        first.Topic = "accessible forms";
        db.Add(Circle("design crit"));
        Assert.False(await db.SaveOnceAsync(CancellationToken.None));

        Assert.Same(untouched, Assert.Single(db.ChangeTracker.Entries()).Entity);
        Assert.Equal("forms", await db.Set<CircleRecord>().Where(c => c.Id == first.Id).Select(c => c.Topic).SingleAsync());
    }

    /// <summary>Arranges a save that fails for another reason than a unique key: the failure must surface.</summary>
    private static async Task AssertTheErrorSurfacesAsync(Func<LearningBotDbContext, Task> arrange)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<LearningBotDbContext>();
        await arrange(db);

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveOnceAsync(CancellationToken.None));
        Assert.False(db.IsUniqueViolation(error));
    }

    [Fact]
    public Task A_missing_required_value_is_an_error_not_already_done() => AssertTheErrorSurfacesAsync(db =>
    {
        var circle = Circle("Design Crit");
        circle.Topic = null!;
        db.Add(circle);
        return Task.CompletedTask;
    });

    [Fact]
    public Task A_foreign_key_violation_is_an_error_not_already_done() => AssertTheErrorSurfacesAsync(db =>
    {
        db.Add(new CircleRoundRecord { CircleId = Guid.NewGuid(), Number = 1 });
        return Task.CompletedTask;
    });

    [Fact]
    public Task A_missing_table_is_an_error_not_already_done() => AssertTheErrorSurfacesAsync(async db =>
    {
        db.InboundEvents.Add(Event("e1"));
        await db.Database.ExecuteSqlRawAsync("DROP TABLE inbound_events");
    });
}

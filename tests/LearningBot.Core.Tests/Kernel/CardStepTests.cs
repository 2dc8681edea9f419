using LearningBot.Core.Circles;
using LearningBot.Core.Conversations;
using LearningBot.Core.Kernel;
using LearningBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Core.Tests.Kernel;

public sealed class CardStepTests
{
    private static readonly CardStep<CircleRoundRecord> CheckingIn = new(r => r.RoundUpSentAt == null);

    [Fact]
    public async Task Of_two_clicks_on_the_same_step_one_moves_it_on_and_the_other_finds_it_gone()
    {
        await using var database = await TestDatabase.CreateAsync();
        long roundId;
        await using (var scope = database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LearningBotDbContext>();
            var circle = new CircleRecord
            {
                Id = Guid.NewGuid(), Name = "Design Crit", NameKey = "design crit", Topic = "forms", Channel = ChannelKind.Teams,
                ConversationId = "19:chat", Cadence = nameof(CircleCadence.Weekly), TimeZone = "Europe/Berlin",
            };
            var round = new CircleRoundRecord { CircleId = circle.Id, Number = 1 };
            db.AddRange(circle, round);
            await db.SaveChangesAsync();
            roundId = round.Id;
            Assert.True(CheckingIn.IsCurrent(round));
        }

        var sentAt = database.Clock.GetUtcNow();
        async Task<bool> ClickAsync()
        {
            await using var scope = database.Scope();
            var db = scope.ServiceProvider.GetRequiredService<LearningBotDbContext>();
            return await CheckingIn.TryMoveOnAsync(db.Set<CircleRoundRecord>().Where(r => r.Id == roundId), set => set.SetProperty(r => r.RoundUpSentAt, sentAt), CancellationToken.None);
        }

        var first = await ClickAsync();
        var second = await ClickAsync();

        Assert.True(first);
        Assert.False(second);
        await using (var scope = database.Scope())
        {
            var round = await scope.ServiceProvider.GetRequiredService<LearningBotDbContext>().Set<CircleRoundRecord>().SingleAsync();
            Assert.False(CheckingIn.IsCurrent(round));
            Assert.Equal(sentAt, round.RoundUpSentAt);
        }
    }
}

using LearningBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace LearningBot.Core.Kernel;

/// <summary>
/// Saving something that is done at most once — an event recorded, a card queued, a round opened — where a unique key
/// is what says "done already": a redelivered event, a double click or another instance got there first.
/// </summary>
public static class IdempotentSave
{
    /// <summary>
    /// Saves the pending changes. False when a unique (or primary) key refused them: the same thing was already done, and
    /// the entities of this save are detached again, so the context stays usable. Any other database error is real and
    /// is thrown.
    /// </summary>
    public static async Task<bool> SaveOnceAsync(this LearningBotDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var pending = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToList();
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbUpdateException exception) when (db.IsUniqueViolation(exception))
        {
            foreach (var entry in pending)
            {
                entry.State = EntityState.Detached;
            }
            return false;
        }
    }
}

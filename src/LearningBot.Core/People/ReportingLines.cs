using LearningBot.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace LearningBot.Core.People;

/// <summary>
/// Who manages whom, from the people directory. A manager is anyone with direct reports or the role "manager".
/// Until a directory has been imported nobody is known to be a manager, and <see cref="InUseAsync"/> says so, so a
/// new installation still works for everyone.
/// </summary>
public sealed class ReportingLines(LearningBotDbContext db)
{
    public const string ManagerRole = "manager";

    /// <summary>True once a people directory has been imported.</summary>
    public Task<bool> InUseAsync(CancellationToken cancellationToken) =>
        db.People.AnyAsync(p => p.DirectoryUpdatedAt != null, cancellationToken);

    public async Task<bool> IsManagerAsync(Guid personId, CancellationToken cancellationToken)
    {
        var role = await db.People.AsNoTracking().Where(p => p.Id == personId).Select(p => p.Role).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return string.Equals(role?.Trim(), ManagerRole, StringComparison.OrdinalIgnoreCase)
            || await db.People.AnyAsync(p => p.ManagerPersonId == personId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The person's manager's name, when the directory has one.</summary>
    public Task<string?> ManagerNameAsync(Guid personId, CancellationToken cancellationToken) =>
        db.People.AsNoTracking()
            .Where(p => p.Id == personId && p.ManagerPersonId != null)
            .Join(db.People, p => p.ManagerPersonId, m => m.Id, (_, m) => m.DisplayName)
            .SingleOrDefaultAsync(cancellationToken);
}

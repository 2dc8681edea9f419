using System.Security.Cryptography;
using System.Text;
using LearningBot.Core.Conversations;
using LearningBot.Core.Storage;
using LearningBot.Slack.Api;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LearningBot.Slack.Installations;

/// <summary>
/// Installations per workspace or org (slack-protocol.md §8): bot tokens protected at rest with ASP.NET Core Data
/// Protection. A team without an installation falls back to LearningBot:Slack:BotToken (single-workspace setup).
/// </summary>
public sealed class SlackInstallationStore(
    LearningBotDbContext db,
    IDataProtectionProvider protection,
    IOptions<SlackOptions> options,
    SlackApiClient api,
    SlackBotIdentityCache identities,
    TimeProvider clock)
{
    private const string Purpose = "LearningBot.Slack.BotToken.v1";

    public async Task<SlackAuthorization?> AuthorizeAsync(string? teamId, string? enterpriseId, CancellationToken cancellationToken)
    {
        // An org-wide install answers for every team of the org; a team install for its team (§8 "Look up by").
        var keys = new[] { SlackInstallationRecord.KeyOf(enterpriseId, teamId), SlackInstallationRecord.KeyOf(enterpriseId, null) }
            .Where(k => k != ":").Distinct().ToList();
        var installations = await db.Set<SlackInstallationRecord>().AsNoTracking()
            .Where(i => keys.Contains(i.InstallationKey)).ToListAsync(cancellationToken).ConfigureAwait(false);
        var installation = installations.OrderBy(i => keys.IndexOf(i.InstallationKey)).FirstOrDefault();
        if (installation is not null)
        {
            var token = protection.CreateProtector(Purpose).Unprotect(installation.ProtectedBotToken);
            return new SlackAuthorization(token, installation.BotUserId, installation.TeamId ?? teamId, installation.EnterpriseId);
        }
        var configured = options.Value.BotToken;
        if (string.IsNullOrWhiteSpace(configured))
        {
            return null;
        }
        var identity = await identities.GetAsync(configured, api, cancellationToken).ConfigureAwait(false);
        return new SlackAuthorization(configured, identity.UserId, teamId ?? identity.TeamId, enterpriseId ?? identity.EnterpriseId);
    }

    /// <summary>Stores (or replaces) the installation of a team or org after an OAuth install.</summary>
    public async Task SaveAsync(SlackInstallationRecord installation, string botToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(installation);
        var existing = await db.Set<SlackInstallationRecord>()
            .SingleOrDefaultAsync(i => i.InstallationKey == installation.InstallationKey, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            db.Remove(existing);
        }
        installation.ProtectedBotToken = protection.CreateProtector(Purpose).Protect(botToken);
        installation.InstalledAt = clock.GetUtcNow();
        db.Add(installation);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Forgets a team's (or org's) installation: app_uninstalled or tokens_revoked (§2.3). Returns rows removed.</summary>
    public Task<int> RemoveAsync(string? teamId, string? enterpriseId, CancellationToken cancellationToken)
    {
        var key = SlackInstallationRecord.KeyOf(enterpriseId, teamId);
        return db.Set<SlackInstallationRecord>()
            .Where(i => i.InstallationKey == key || (teamId != null && i.TeamId == teamId))
            .ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The channels and group chats of a workspace the core knows the bot in (not removed yet): all of them lose the bot when the app goes.</summary>
    public async Task<IReadOnlyList<ConversationReferenceRecord>> ChannelsAsync(string? teamId, CancellationToken cancellationToken)
    {
        if (teamId is null)
        {
            return [];
        }
        var personal = nameof(ConversationType.Personal);
        return await db.ConversationReferences.AsNoTracking()
            .Where(r => r.Channel == ChannelKind.Slack && r.TeamId == teamId && r.RemovedAt == null && r.ConversationType != personal && r.BotId != null)
            .OrderBy(r => r.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<int> CountAsync(CancellationToken cancellationToken) => db.Set<SlackInstallationRecord>().CountAsync(cancellationToken);

    /// <summary>Issues a single-use OAuth state valid for 10 minutes; only its hash is stored.</summary>
    public async Task<string> IssueStateAsync(CancellationToken cancellationToken)
    {
        var state = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = clock.GetUtcNow();
        await db.Set<SlackOAuthStateRecord>().Where(s => s.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        db.Add(new SlackOAuthStateRecord { StateHash = Hash(state), ExpiresAt = now.AddMinutes(10) });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return state;
    }

    /// <summary>True once for a state that was issued and has not expired; the delete makes it single-use even under races.</summary>
    public async Task<bool> ConsumeStateAsync(string? state, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(state) || state.Length > 200)
        {
            return false;
        }
        var hash = Hash(state);
        var now = clock.GetUtcNow();
        var removed = await db.Set<SlackOAuthStateRecord>().Where(s => s.StateHash == hash && s.ExpiresAt >= now)
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        return removed == 1;
    }

    private static string Hash(string state) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(state)));
}

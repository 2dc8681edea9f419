using LearningBot.Core.Conversations;
using LearningBot.Core.People;
using LearningBot.Teams.Connector;
using Microsoft.Extensions.Logging;

namespace LearningBot.Teams;

/// <summary>
/// A Teams user looked up in a conversation the bot is in (<c>GET v3/conversations/{id}/members/{userId}</c>): the
/// people picker's Entra object ids become 29: accounts, and emails link accounts to the people directory.
/// </summary>
public sealed class TeamsPeopleLookup(ConnectorClient connector, ILogger<TeamsPeopleLookup> logger) : IChannelPeopleLookup
{
    public ChannelKind Channel => ChannelKind.Teams;

    public async Task<ChannelUser?> FindAsync(ConversationReferenceRecord where, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(where);
        try
        {
            var member = await connector.GetMemberAsync(where.ServiceUrl, where.ConversationId, userId, cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrEmpty(member.Id))
            {
                return null;
            }
            return new ChannelUser(member.Id, member.Name ?? "")
            {
                AadObjectId = member.AadObjectId ?? member.ObjectId,
                TenantId = member.TenantId ?? where.TenantId,
                // Teams gives the email for work accounts; the UPN is the sign-in name, usually the same address.
                Email = member.Email ?? member.UserPrincipalName,
            };
        }
        catch (Exception e) when (e is ConnectorException or UntrustedServiceUrlException or HttpRequestException or ArgumentException)
        {
            Log.MemberLookupFailed(logger, e.GetType().Name);
            return null;
        }
    }
}

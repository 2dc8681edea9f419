namespace LearningBot.Teams;

/// <summary>Section <c>LearningBot:Teams</c>. Empty <see cref="AppId"/> = local development mode (loopback only, no auth).</summary>
public sealed class TeamsOptions
{
    public const string Section = "LearningBot:Teams";

    /// <summary>Microsoft App Id of the Azure Bot registration; also the expected token audience (teams-protocol.md §2.2 step 7).</summary>
    public string AppId { get; set; } = "";

    /// <summary>Client secret of the app registration, used to get outbound tokens (§3.1).</summary>
    public string AppPassword { get; set; } = "";

    /// <summary>Entra tenant of a single-tenant bot. Empty = legacy multi-tenant bot (authority "botframework.com", §3.1).</summary>
    public string TenantId { get; set; } = "";

    /// <summary>Where the Bot Connector signing keys are published (§2.1). Tests point it at loopback.</summary>
    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>
    /// Largest request body accepted on /api/messages. A Teams message is limited to about 100 KB (§4.5), so a real
    /// activity is far smaller than 256 KiB; anything larger is refused before it is parsed or authenticated further.
    /// </summary>
    public int MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// Hosts (and their subdomains) that may receive the bot's bearer token even before an authenticated activity
    /// named them (teams-protocol.md §2.4 step 7, the Agents SDK defaults).
    /// </summary>
    public IList<string> AllowedServiceUrlHosts { get; set; } =
        ["botframework.com", "smba.trafficmanager.net", "teams.microsoft.com", "teams.microsoft.us"];

    /// <summary>
    /// Messages the outbox sends to Teams per second, in all (teams-protocol.md §3.5: 50 per app per tenant; stay well
    /// under). Formerly <c>LearningBot:Outbox:MessagesPerSecond</c>, which is still read when this key is not set.
    /// </summary>
    public double MessagesPerSecond { get; set; } = 20;

    /// <summary>
    /// Messages the outbox sends into one Teams conversation per second (§3.5: 7). Formerly
    /// <c>LearningBot:Outbox:MessagesPerConversationPerSecond</c>, which is still read when this key is not set.
    /// </summary>
    public int MessagesPerConversationPerSecond { get; set; } = 7;

    /// <summary>No app id: accept unauthenticated requests from loopback only (the Agents Playground, §6).</summary>
    public bool IsDevelopmentMode => string.IsNullOrWhiteSpace(AppId);

    /// <summary>The Entra authority for outbound tokens (§3.1).</summary>
    public string Authority =>
        $"https://login.microsoftonline.com/{(string.IsNullOrWhiteSpace(TenantId) ? "botframework.com" : TenantId.Trim())}";
}

using System.Net;
using LearningBot.Slack.Installations;
using LearningBot.Slack.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LearningBot.Slack.Installations;

/// <summary>
/// OAuth v2 install into any number of workspaces (slack-protocol.md §8): /slack/install sends the installer to
/// Slack's consent page with a single-use state; /slack/oauth/callback checks the state, exchanges the code with
/// oauth.v2.access, asks auth.test for the bot id and stores the installation. Off (404) without ClientId/ClientSecret.
/// </summary>
public sealed class SlackOAuthEndpoint(
    IOptions<SlackOptions> options,
    SlackInstallationStore store,
    SlackApiClient api,
    ILogger<SlackOAuthEndpoint> logger)
{
    public async Task InstallAsync(HttpContext context)
    {
        if (Settings(context) is not { } settings)
        {
            return;
        }
        var state = await store.IssueStateAsync(context.RequestAborted).ConfigureAwait(false);
        var query = new QueryBuilder
        {
            { "client_id", settings.ClientId },
            { "scope", string.Join(',', settings.BotScopes) },
            { "state", state },
        };
        if (!string.IsNullOrWhiteSpace(settings.RedirectUri))
        {
            query.Add("redirect_uri", settings.RedirectUri);
        }
        context.Response.Redirect(settings.AuthorizeUrl + query.ToQueryString());
    }

    public async Task CallbackAsync(HttpContext context)
    {
        if (Settings(context) is not { } settings)
        {
            return;
        }
        var request = context.Request.Query;
        var cancellationToken = context.RequestAborted;
        // The state is checked (and spent) first, so a forged callback never reaches Slack or storage.
        if (!await store.ConsumeStateAsync(request["state"], cancellationToken).ConfigureAwait(false))
        {
            Log.OAuthRefused(logger, "unknown, used or expired state");
            await PageAsync(context, 403, "This install link has expired or was already used. Start again from the Add to Slack button.").ConfigureAwait(false);
            return;
        }
        if (request["error"].ToString() is { Length: > 0 } error)
        {
            Log.OAuthRefused(logger, $"installer declined ({error})");
            await PageAsync(context, 400, "The app was not installed: the request was declined in Slack. Nothing was changed.").ConfigureAwait(false);
            return;
        }
        if (request["code"].ToString() is not { Length: > 0 } code)
        {
            await PageAsync(context, 400, "Slack did not send an authorization code. Start the install again.").ConfigureAwait(false);
            return;
        }
        try
        {
            var access = await api.OAuthV2AccessAsync(settings.ClientId, settings.ClientSecret, code, settings.RedirectUri, cancellationToken).ConfigureAwait(false);
            var token = access.GetString("access_token");
            var botUserId = access.GetString("bot_user_id");
            if (token is null || botUserId is null)
            {
                await PageAsync(context, 502, "Slack did not return a bot token. Check that the app has a bot user and bot scopes.").ConfigureAwait(false);
                return;
            }
            var identity = await api.AuthTestAsync(token, cancellationToken).ConfigureAwait(false);
            var teamId = access.GetObject("team")?.GetString("id");
            var enterpriseId = access.GetObject("enterprise")?.GetString("id");
            var enterpriseInstall = access.GetBool("is_enterprise_install");
            var installation = new SlackInstallationRecord
            {
                InstallationKey = SlackInstallationRecord.KeyOf(enterpriseId, enterpriseInstall ? null : teamId),
                TeamId = enterpriseInstall ? null : teamId,
                TeamName = access.GetObject("team")?.GetString("name"),
                EnterpriseId = enterpriseId,
                IsEnterpriseInstall = enterpriseInstall,
                AppId = access.GetString("app_id"),
                BotUserId = botUserId,
                BotId = identity.BotId,
                ProtectedBotToken = "",
                Scopes = access.GetString("scope"),
                InstallerUserId = access.GetObject("authed_user")?.GetString("id"),
            };
            await store.SaveAsync(installation, token, cancellationToken).ConfigureAwait(false);
            Log.Installed(logger, teamId, enterpriseId);
            await PageAsync(context, 200, "LearningBot is installed. Open Slack and send it a direct message, or type /learn.").ConfigureAwait(false);
        }
        catch (SlackApiException e)
        {
            Log.OAuthRefused(logger, e.Error);
            await PageAsync(context, 400, $"Slack refused the install ({e.Error}). Start again from the Add to Slack button; if it keeps failing, check ClientId, ClientSecret and the redirect URL.").ConfigureAwait(false);
        }
    }

    /// <summary>The options while OAuth install is on (ClientId and ClientSecret set); otherwise null, answered 404.</summary>
    private SlackOptions? Settings(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = options.Value;
        if (settings.IsOAuthEnabled)
        {
            return settings;
        }
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return null;
    }

    private static Task PageAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync($"<!doctype html><title>LearningBot for Slack</title><p>{WebUtility.HtmlEncode(message)}</p>", context.RequestAborted);
    }
}

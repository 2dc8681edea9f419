using System.Net.Http.Headers;
using LearningBot.Core.Conversations;
using LearningBot.Slack.Installations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LearningBot.Slack.Files;

/// <summary>
/// Downloads a file shared with the bot in a Slack DM from its <c>url_private</c>, with the team's bot token (scope
/// <c>files:read</c>). The token goes only to Slack's file host or the configured API host, never elsewhere, and is
/// never logged. Reading stops one byte past the limit.
/// </summary>
public sealed class SlackFileDownloader(HttpClient http, IServiceScopeFactory scopes, IOptions<SlackOptions> options) : ISharedFileDownloader
{
    public ChannelKind Channel => ChannelKind.Slack;

    public async Task<SharedFileDownload> DownloadAsync(SharedFile file, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var url = new Uri(file.DownloadUrl);
        var api = new Uri(options.Value.ApiBaseUrl);
        if (!(url.Host.Equals("files.slack.com", StringComparison.OrdinalIgnoreCase) || (url.Host.Equals(api.Host, StringComparison.OrdinalIgnoreCase) && url.Port == api.Port)))
        {
            return SharedFileDownload.Failed("the link does not point at Slack");
        }
        SlackAuthorization? auth;
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            auth = await scope.ServiceProvider.GetRequiredService<SlackInstallationStore>().AuthorizeAsync(file.Workspace, null, cancellationToken).ConfigureAwait(false);
        }
        if (auth is null)
        {
            return SharedFileDownload.Failed("the bot is not installed in that workspace any more");
        }
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", auth.BotToken);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            // Without files:read Slack answers with its sign-in page (HTML), not the file.
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType == "text/html" && !file.Name.EndsWith(".html", StringComparison.OrdinalIgnoreCase) && !file.Name.EndsWith(".htm", StringComparison.OrdinalIgnoreCase))
            {
                return SharedFileDownload.Failed("Slack did not hand it over (the app may need the files:read scope: reinstall it)");
            }
            return await SharedFileDownload.ReadAsync(response.Content, maxBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            return SharedFileDownload.Failed("Slack could not be reached");
        }
    }
}

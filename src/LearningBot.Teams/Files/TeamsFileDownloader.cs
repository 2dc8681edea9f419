using LearningBot.Core.Conversations;
using Microsoft.Extensions.Logging;

namespace LearningBot.Teams.Files;

/// <summary>
/// Downloads a file shared with the bot in a Teams 1:1 chat from the attachment's <c>downloadUrl</c>, a short-lived
/// pre-authenticated link: no token is sent with it. Reading stops one byte past the limit.
/// </summary>
public sealed partial class TeamsFileDownloader(HttpClient http, ILogger<TeamsFileDownloader> logger) : ISharedFileDownloader
{
    public ChannelKind Channel => ChannelKind.Teams;

    public async Task<SharedFileDownload> DownloadAsync(SharedFile file, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        try
        {
            using var response = await http.GetAsync(new Uri(file.DownloadUrl), HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                LogFailed(logger, (int)response.StatusCode);
                return SharedFileDownload.Failed("Teams did not hand it over (the link may have expired)");
            }
            return await SharedFileDownload.ReadAsync(response.Content, maxBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            return SharedFileDownload.Failed("Teams could not be reached");
        }
    }

    // The link itself is never logged: it grants access to the file.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Downloading a shared file from Teams answered {Status}")]
    private static partial void LogFailed(ILogger logger, int status);
}

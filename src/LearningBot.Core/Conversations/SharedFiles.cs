namespace LearningBot.Core.Conversations;

/// <summary>
/// Downloads a file a person shared with the bot, the way its channel requires (a pre-signed link, or a link that
/// needs the workspace's bot token). One implementation per channel.
/// </summary>
public interface ISharedFileDownloader
{
    ChannelKind Channel { get; }

    /// <summary>
    /// The file's bytes, or <see cref="SharedFileDownload.TooLarge"/> as soon as more than <paramref name="maxBytes"/>
    /// arrive (nothing more is read). A failed download is a <see cref="SharedFileDownload"/> with its reason.
    /// </summary>
    Task<SharedFileDownload> DownloadAsync(SharedFile file, long maxBytes, CancellationToken cancellationToken);
}

/// <summary>What downloading a shared file gave: its bytes, or that it was too large, or why it failed (for the person).</summary>
public sealed record SharedFileDownload(ReadOnlyMemory<byte>? Content, bool TooLarge, string? Failure)
{
    public static SharedFileDownload Of(ReadOnlyMemory<byte> content) => new(content, false, null);

    public static SharedFileDownload Oversized() => new(null, true, null);

    public static SharedFileDownload Failed(string reason) => new(null, false, reason);

    /// <summary>
    /// Reads a download's body up to <paramref name="maxBytes"/>: <see cref="Oversized"/> at once when its declared length
    /// is larger, or as soon as one byte more arrives (nothing more is read).
    /// </summary>
    public static async Task<SharedFileDownload> ReadAsync(HttpContent content, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Headers.ContentLength > maxBytes)
        {
            return Oversized();
        }
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var streamDisposal = stream.ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return Oversized();
            }
            await buffer.WriteAsync(chunk.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }
        return Of(buffer.ToArray());
    }
}

using System.Text;

namespace FutureOfCustoms.Bot.Graph;

/// <summary>A file behind a sharing link, as Graph's shares API names it.</summary>
internal sealed record SharedFile(string ShareId, string Name, long? Size, bool IsFile);

/// <summary>Files shared in Teams (OneDrive or the team's SharePoint), reached from any link to them.</summary>
internal sealed class SharedFiles(GraphConnection graph)
{
    /// <summary>Graph's encoding of a sharing URL as a share id: "u!" and the URL in unpadded base64url.</summary>
    public static string ShareIdOf(string sharingUrl)
        => "u!" + Convert.ToBase64String(Encoding.UTF8.GetBytes(sharingUrl)).TrimEnd('=').Replace('/', '_').Replace('+', '-');

    public async Task<SharedFile?> FindAsync(string sharingUrl, CancellationToken cancellationToken)
    {
        var shareId = ShareIdOf(sharingUrl);
        var item = await graph.Client.Shares[shareId].DriveItem.GetAsync(r => r.QueryParameters.Select = ["name", "size", "file"], cancellationToken);
        return item?.Name is { Length: > 0 } name ? new SharedFile(shareId, name, item.Size, item.File is not null) : null;
    }

    /// <summary>Writes the file's content to <paramref name="path"/>; false, and nothing kept, when it exceeds <paramref name="maxBytes"/>
    /// (the size in the item's metadata was checked, the stream is what counts).</summary>
    public async Task<bool> DownloadAsync(SharedFile file, string path, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        await using var content = await graph.Client.Shares[file.ShareId].DriveItem.Content.GetAsync(cancellationToken: cancellationToken)
            ?? throw new InvalidOperationException($"Graph returned no content for {file.Name}.");
        await using (var target = File.Create(path))
        {
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    break;
                }

                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            if (total <= maxBytes)
            {
                return true;
            }
        }

        File.Delete(path);
        return false;
    }
}

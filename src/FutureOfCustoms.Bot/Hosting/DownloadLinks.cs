using System.Security.Cryptography;
using FutureOfCustoms.Bot.Storage;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Hosting;

/// <summary>
/// Files delivered the Teams way for any chat: a download through the bot's own endpoint behind a
/// short-lived, unguessable link (256 random bits), so an export reaches a moderator in a channel too,
/// where the file consent card is not available.
/// </summary>
public interface IDownloadLinks
{
    Task<Uri> CreateAsync(string fileName, string contentType, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);
}

public sealed class DownloadOptions
{
    public const string SectionName = "Downloads";

    /// <summary>The bot's public address, as Teams clients reach it (the messaging endpoint's host).</summary>
    public Uri PublicBaseUrl { get; set; } = new("http://localhost:3978");

    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromMinutes(15);
}

internal sealed class DownloadLinks(IDocumentStore store, IFileStore files, IOptions<DownloadOptions> options, TimeProvider time) : IDownloadLinks
{
    private const string Collection = "downloads";
    private const string Partition = "links";

    public async Task<Uri> CreateAsync(string fileName, string contentType, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        await SweepExpiredAsync(cancellationToken);
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await files.SaveAsync(FileName(token), content, cancellationToken);
        await store.InsertAsync(Collection, Partition, token, new Download(fileName, contentType, time.GetUtcNow() + options.Value.LinkLifetime), cancellationToken);
        return new Uri(options.Value.PublicBaseUrl, $"downloads/{token}");
    }

    /// <summary>The file behind a token, or null when the token is unknown or has expired.</summary>
    internal async Task<(Download Download, byte[] Content)?> OpenAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length != 64 || !token.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }

        var download = await store.GetAsync<Download>(Collection, Partition, token, cancellationToken);
        if (download is null || download.Value.ExpiresAt <= time.GetUtcNow())
        {
            return null;
        }

        var content = await files.ReadAsync(FileName(token), cancellationToken);
        return content is null ? null : (download.Value, content);
    }

    private async Task SweepExpiredAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var expired in (await store.ListAsync<Download>(Collection, Partition, cancellationToken)).Where(d => d.Value.ExpiresAt <= now))
        {
            await files.DeleteAsync(FileName(expired.Id), cancellationToken);
            await store.DeleteAsync(Collection, Partition, expired.Id, cancellationToken: cancellationToken);
        }
    }

    private static string FileName(string token) => "download-" + token;

    internal sealed record Download(string FileName, string ContentType, DateTimeOffset ExpiresAt);
}

internal static class DownloadEndpoints
{
    public static IEndpointRouteBuilder MapDownloads(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/downloads/{token}", async (string token, DownloadLinks links, CancellationToken cancellationToken) =>
            await links.OpenAsync(token, cancellationToken) is { } file
                ? Results.File(file.Content, file.Download.ContentType, file.Download.FileName)
                : Results.NotFound());
        return endpoints;
    }
}

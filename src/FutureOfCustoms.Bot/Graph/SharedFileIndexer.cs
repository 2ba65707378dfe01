using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FutureOfCustoms.Bot.Cards;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Knowledge;
using FutureOfCustoms.Bot.Knowledge.Catalogue;
using FutureOfCustoms.Bot.Messaging;
using FutureOfCustoms.Bot.Storage;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Graph;

/// <summary>
/// Downloads and indexes a shared file after the turn has answered: a large PDF takes longer than Teams waits for
/// a reply, so the outcome is posted to the conversation when it is known. The work goes through the durable
/// queue, so a restart or a scale-in in the middle does not lose it: another instance (or the restarted one)
/// downloads and indexes the file again, which replaces what a half-done run may have added.
/// </summary>
internal sealed partial class SharedFileIndexer(
    SharedFiles files, KnowledgeBase knowledge, AddedDocumentLog additions, IMessenger messenger, IDurableWork work, IOptions<GraphOptions> options, ILogger<SharedFileIndexer> logger) : IWorkHandler
{
    public const string WorkKind = "graph.index";

    public string Kind => WorkKind;

    /// <summary>Queues the work and returns at once; the turn's culture goes with it, for the outcome it posts.</summary>
    public async Task QueueAsync(SharedFile file, string conversationId, CultureInfo culture, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(culture);

        // The same file asked for twice in one conversation while the first is still queued is indexed once.
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{file.ShareId}|{conversationId}")))[..32];
        await work.EnqueueAsync(WorkKind, key, new IndexJob(file, conversationId, culture.Name), cancellationToken: cancellationToken);
    }

    public Task HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var job = item.Read<IndexJob>();
        return IndexAndReportAsync(job.File, job.ConversationId, CultureInfo.GetCultureInfo(job.Culture), cancellationToken);
    }

    private async Task IndexAndReportAsync(SharedFile file, string conversationId, CultureInfo culture, CancellationToken cancellationToken)
    {
        var name = CardText.Escape(file.Name);
        string outcome;
        var folder = Directory.CreateTempSubdirectory("foc-shared-");
        try
        {
            // The reader picks the format from the extension and names passages after the file: keep both.
            var path = Path.Combine(folder.FullName, string.Concat(file.Name.Split(Path.GetInvalidFileNameChars())));
            if (!await files.DownloadAsync(file, path, options.Value.MaxFileSizeBytes, cancellationToken))
            {
                outcome = Format(culture, nameof(GraphStrings.Index_TooLarge), name, options.Value.MaxFileSizeMegabytes);
            }
            else
            {
                var added = await knowledge.IndexFilesAsync([path], cancellationToken);
                if (added.Count > 0)
                {
                    await additions.RecordAsync(file.Name, added.Count, cancellationToken);
                }

                outcome = added.Count > 0 ? Format(culture, nameof(GraphStrings.Index_Done), name, added.Count) : Format(culture, nameof(GraphStrings.Index_NoText), name);
                LogIndexed(logger, file.Name, added.Count);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown: the queue hands the work to the next instance.
            throw;
        }
        catch (Exception e)
        {
            LogFailed(logger, file.Name, e);
            outcome = Format(culture, nameof(GraphStrings.Index_Failed), name);
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        try
        {
            await messenger.SendAsync(conversationId, OutgoingMessage.FromText(outcome), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogNotReported(logger, file.Name, conversationId, e);
        }
    }

    /// <summary>In the culture of the turn that asked: the work may run on any thread, on any instance.</summary>
    private static string Format(CultureInfo culture, string name, params object[] values)
        => string.Format(culture, GraphStrings.ResourceManager.GetString(name, culture)!, values);

    internal sealed record IndexJob(SharedFile File, string ConversationId, string Culture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Indexed shared file {File}: {Passages} passages")]
    private static partial void LogIndexed(ILogger logger, string file, int passages);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not index shared file {File}")]
    private static partial void LogFailed(ILogger logger, string file, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Indexed {File} but could not tell conversation {Conversation}")]
    private static partial void LogNotReported(ILogger logger, string file, string conversation, Exception exception);
}

using System.Globalization;
using FutureOfCustoms.Bot.Cards;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Knowledge;
using FutureOfCustoms.Bot.Knowledge.Catalogue;
using FutureOfCustoms.Bot.Messaging;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Graph;

/// <summary>
/// Downloads and indexes a shared file after the turn has answered: a large PDF takes longer than Teams waits for
/// a reply, so the outcome is posted to the conversation when it is known.
/// </summary>
internal sealed partial class SharedFileIndexer(
    SharedFiles files, KnowledgeBase knowledge, AddedDocumentLog additions, IMessenger messenger, IOptions<GraphOptions> options, ILogger<SharedFileIndexer> logger) : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Starts the work and returns at once; the culture of the turn flows into the posted outcome.</summary>
    public void Start(SharedFile file, string conversationId)
        => _ = Task.Run(() => IndexAndReportAsync(file, conversationId, _stopping.Token), CancellationToken.None);

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task IndexAndReportAsync(SharedFile file, string conversationId, CancellationToken cancellationToken)
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
                outcome = Format(GraphStrings.Index_TooLarge, name, options.Value.MaxFileSizeMegabytes);
            }
            else
            {
                var added = await knowledge.IndexFilesAsync([path], cancellationToken);
                if (added.Count > 0)
                {
                    await additions.RecordAsync(file.Name, added.Count, cancellationToken);
                }

                outcome = added.Count > 0 ? Format(GraphStrings.Index_Done, name, added.Count) : Format(GraphStrings.Index_NoText, name);
                LogIndexed(logger, file.Name, added.Count);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            LogFailed(logger, file.Name, e);
            outcome = Format(GraphStrings.Index_Failed, name);
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

    private static string Format(string format, params object[] values) => string.Format(CultureInfo.CurrentCulture, format, values);

    [LoggerMessage(Level = LogLevel.Information, Message = "Indexed shared file {File}: {Passages} passages")]
    private static partial void LogIndexed(ILogger logger, string file, int passages);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not index shared file {File}")]
    private static partial void LogFailed(ILogger logger, string file, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Indexed {File} but could not tell conversation {Conversation}")]
    private static partial void LogNotReported(ILogger logger, string file, string conversation, Exception exception);
}

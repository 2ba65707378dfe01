using System.Globalization;
using FutureOfCustoms.Bot.Cards;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Knowledge.Parsing;
using Microsoft.Extensions.Options;
using Microsoft.Graph.Models.ODataErrors;

namespace FutureOfCustoms.Bot.Graph;

/// <summary>
/// `index &lt;link&gt;` (moderators): a paper circulated in the group's files becomes searchable. What can be
/// refused is checked in the turn (reachable, a file, a readable format, not too large); the download and
/// indexing follow in the background.
/// </summary>
internal sealed class IndexLinkCommand(GraphConnection graph, SharedFiles files, SharedFileIndexer indexer, IOptions<GraphOptions> options) : ICommandHandler
{
    public const string Verb = "graph.index";

    /// <summary>One https link, nothing else: other text after "index" is a question.</summary>
    public const string LinkPattern = @"^https://\S+$";

    public async Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!graph.Enabled)
        {
            return CommandReply.Refusal(GraphStrings.Index_NeedsGraph);
        }

        SharedFile? file;
        try
        {
            file = await files.FindAsync(context.Arguments, cancellationToken);
        }
        catch (ODataError)
        {
            // 400 for a link that is no sharing link, 403/404 for one the app cannot read: the same advice helps.
            file = null;
        }

        if (file is null)
        {
            return CommandReply.Refusal(GraphStrings.Index_NotFound);
        }

        var name = CardText.Escape(file.Name);
        if (!file.IsFile)
        {
            return CommandReply.Refusal(Format(GraphStrings.Index_NotAFile, name));
        }

        if (!DocumentReader.SupportedExtensions.Contains(Path.GetExtension(file.Name)))
        {
            return CommandReply.Refusal(Format(GraphStrings.Index_Unsupported, name));
        }

        if (file.Size > options.Value.MaxFileSizeBytes)
        {
            return CommandReply.Refusal(Format(GraphStrings.Index_TooLarge, name, options.Value.MaxFileSizeMegabytes));
        }

        await indexer.QueueAsync(file, context.Conversation.Id, context.Culture, cancellationToken);
        return CommandReply.Text(Format(GraphStrings.Index_Started, name));
    }

    private static string Format(string format, params object[] values) => string.Format(CultureInfo.CurrentCulture, format, values);
}

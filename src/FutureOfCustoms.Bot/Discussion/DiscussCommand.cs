using System.Globalization;
using System.Text.RegularExpressions;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Knowledge;
using FutureOfCustoms.Bot.Messaging;

namespace FutureOfCustoms.Bot.Discussion;

/// <summary>
/// Posting a discussion (discuss), showing it again and its paper (card buttons), and defining a new set
/// of questions (discuss new, discussion.create).
/// </summary>
internal sealed partial class DiscussCommand(DiscussionStore store, DiscussionBoard board, DiscussionCards cards, KnowledgeBase knowledge, TimeProvider time) : ICommandHandler
{
    private const int MaxQuestions = 20;
    private const int MaxQuestionLength = 1000;
    private const int MaxTitleLength = 200;

    public Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Verb switch
        {
            "discuss" => PostAsync(context, cancellationToken),
            "discussion.paper" => PaperAsync(context, cancellationToken),
            "discussion.new" => Task.FromResult(CommandReply.Card(cards.NewForm(), DiscussionStrings.New_Heading)),
            "discussion.create" => CreateAsync(context, cancellationToken),
            _ => ShowAsync(context, cancellationToken),
        };
    }

    private async Task<CommandReply> PostAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var name = DiscussionBoard.NameOf(context);
        if (await store.FindAsync(name, cancellationToken) is not { } set)
        {
            return DiscussionBoard.Unknown(name);
        }

        try
        {
            await board.PostAsync(set, context.Conversation, cancellationToken);
        }
        catch (ConversationUnavailableException)
        {
            return CommandReply.Refusal(DiscussionStrings.Refuse_Unreachable);
        }
        catch (DeliveryFailedException)
        {
            return CommandReply.Refusal(DiscussionStrings.Refuse_TeamsBusy);
        }

        return CommandReply.Text(string.Format(CultureInfo.CurrentCulture, DiscussionStrings.Discuss_Posted, set.Title));
    }

    private async Task<CommandReply> ShowAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var name = DiscussionBoard.NameOf(context);
        if (await store.FindAsync(name, cancellationToken) is not { } set)
        {
            return DiscussionBoard.Unknown(name);
        }

        var card = cards.Discussion(set, await store.AnswersAsync(name, cancellationToken));
        return context.IsFromCard && context.CardActivityId is not null ? CommandReply.Update(card) : CommandReply.Card(card, set.Title);
    }

    private async Task<CommandReply> PaperAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var name = DiscussionBoard.NameOf(context);
        if (name != AnnexIIIDiscussion.Name || knowledge.DiscussionPaper is not { } paper || await store.FindAsync(name, cancellationToken) is null)
        {
            return DiscussionBoard.Unknown(name);
        }

        return CommandReply.Update(cards.Paper(paper, name));
    }

    private async Task<CommandReply> CreateAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var name = (context.Data.GetString("name") ?? string.Empty).Trim().ToLowerInvariant();
        var title = (context.Data.GetString("title") ?? string.Empty).Trim();
        var lines = (context.Data.GetString("questions") ?? string.Empty).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (!SetName().IsMatch(name) || name == "new")
        {
            return CommandReply.Refusal(DiscussionStrings.Refuse_BadName);
        }

        if (title.Length == 0 || title.Length > MaxTitleLength)
        {
            return CommandReply.Refusal(string.Format(CultureInfo.CurrentCulture, DiscussionStrings.Refuse_BadTitle, MaxTitleLength));
        }

        if (lines.Length == 0 || lines.Length > MaxQuestions || lines.Any(l => l.Length > MaxQuestionLength))
        {
            return CommandReply.Refusal(string.Format(CultureInfo.CurrentCulture, DiscussionStrings.Refuse_BadQuestions, MaxQuestions, MaxQuestionLength));
        }

        var questions = new List<DiscussionQuestionDefinition>();
        foreach (var (line, index) in lines.Select((l, i) => (l, i + 1)))
        {
            if (Parse(line, index) is not { } question)
            {
                return CommandReply.Refusal(string.Format(CultureInfo.CurrentCulture, DiscussionStrings.Refuse_BadChoices, index));
            }

            questions.Add(question);
        }

        var set = new DiscussionSet(name, title, questions, DiscussionStatus.Open, time.GetUtcNow(), context.User.Key);
        if (name == AnnexIIIDiscussion.Name || !await store.TryCreateAsync(set, cancellationToken))
        {
            return CommandReply.Refusal(string.Format(CultureInfo.CurrentCulture, DiscussionStrings.Refuse_NameTaken, name));
        }

        var done = DiscussionCounts.Created(CultureInfo.CurrentUICulture, name, questions.Count);
        return context.IsFromCard ? new CommandReply { UpdatedCard = cards.Discussion(set, []), Messages = [OutgoingMessage.FromText(done)] } : CommandReply.Text(done);
    }

    /// <summary>"Question text | choice; choice" makes a closed question; a question without a bar is open.</summary>
    private static DiscussionQuestionDefinition? Parse(string line, int number)
    {
        var bar = line.LastIndexOf('|');
        if (bar < 0)
        {
            return new DiscussionQuestionDefinition(number, line);
        }

        var text = line[..bar].Trim();
        var labels = line[(bar + 1)..].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (text.Length == 0 || labels.Length is < 2 or > 8 || labels.Distinct(StringComparer.CurrentCultureIgnoreCase).Count() != labels.Length)
        {
            return null;
        }

        return new DiscussionQuestionDefinition(number, text, [.. labels.Select((label, i) => new DiscussionChoice($"c{i + 1}", label))]);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,39}$", RegexOptions.CultureInvariant, 100)]
    private static partial Regex SetName();
}

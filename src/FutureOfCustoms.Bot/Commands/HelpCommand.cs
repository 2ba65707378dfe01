using FutureOfCustoms.Bot.Cards;

namespace FutureOfCustoms.Bot.Commands;

/// <summary>
/// The help card: the commands this user may use, grouped by feature, and the moderators' own commands in a
/// section of their own that only moderators see. Only registered commands are listed, so a feature that is
/// off (Graph's <c>index &lt;link&gt;</c>) is absent.
/// </summary>
internal sealed class HelpCommand(CommandCatalog catalog, IModeratorPolicy moderators, ICardRenderer cards, IServiceProvider services) : ICommandHandler
{
    /// <summary>The verb that opens the poll creation dialog (Polls/): the help and welcome cards offer it as a button.</summary>
    internal const string CreatePollVerb = "poll.dialog";

    public async Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var isModerator = await moderators.IsModeratorAsync(context.User, context.Conversation, cancellationToken);
        var listed = catalog.All.Where(d => d.Text is not null && d.Description is not null && (d.IsEnabled?.Invoke(services) ?? true)).ToList();
        var card = cards.Render("help", new
        {
            title = CommandStrings.Help_Title,
            intro = CommandStrings.Help_Intro,
            groups = Group(listed.Where(d => !d.ModeratorOnly)),
            moderatorHeading = CommandStrings.Help_ModeratorSection,
            moderatorGroups = isModerator ? Group(listed.Where(d => d.ModeratorOnly)) : [],
            createPoll = isModerator && catalog.FindByVerb(CreatePollVerb) is not null ? CommandStrings.Help_CreatePoll : null,
        });
        return CommandReply.Card(card, CommandStrings.Help_Title);
    }

    internal static object[] Describe(IEnumerable<CommandDefinition> definitions)
        => [.. definitions.Select(d => new
        {
            name = d.Usage is null ? d.Text : $"{d.Text} {d.Usage}",
            description = d.Description!(),
        })];

    /// <summary>The feature a command belongs to, from its handler's folder (Knowledge/, Polls/, ...): features
    /// register their commands without knowing about help, and a new command lands in its feature's group.</summary>
    internal static HelpGroup GroupOf(CommandDefinition definition)
    {
        var folder = definition.Handler.Namespace?.Split('.').ElementAtOrDefault(2);
        return folder switch
        {
            "Knowledge" or "Graph" => HelpGroup.Questions,
            "Suggestions" => HelpGroup.Suggestions,
            "Polls" => HelpGroup.Polls,
            "Discussion" => HelpGroup.Discussion,
            "Digest" => HelpGroup.Digest,
            _ => HelpGroup.General,
        };
    }

    private static object[] Group(IEnumerable<CommandDefinition> definitions)
        => [.. definitions
            .GroupBy(GroupOf)
            .OrderBy(g => g.Key)
            .Select(g => new { heading = Heading(g.Key), commands = Describe(g) })];

    private static string Heading(HelpGroup group) => group switch
    {
        HelpGroup.Questions => CommandStrings.Help_Group_Questions,
        HelpGroup.Suggestions => CommandStrings.Help_Group_Suggestions,
        HelpGroup.Polls => CommandStrings.Help_Group_Polls,
        HelpGroup.Discussion => CommandStrings.Help_Group_Discussion,
        HelpGroup.Digest => CommandStrings.Help_Group_Digest,
        _ => CommandStrings.Help_Group_General,
    };
}

/// <summary>The help card's sections, in the order they are shown.</summary>
internal enum HelpGroup
{
    Questions,
    Suggestions,
    Polls,
    Discussion,
    Digest,
    General,
}

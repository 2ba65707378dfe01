using FutureOfCustoms.Bot.Cards;

namespace FutureOfCustoms.Bot.Commands;

/// <summary>The help card: the commands this user may use, moderator commands only for moderators.</summary>
internal sealed class HelpCommand(CommandCatalog catalog, IModeratorPolicy moderators, ICardRenderer cards) : ICommandHandler
{
    /// <summary>The verb that opens the poll creation dialog (Polls/): the help and welcome cards offer it as a button.</summary>
    internal const string CreatePollVerb = "poll.dialog";

    public async Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var isModerator = await moderators.IsModeratorAsync(context.User, context.Conversation, cancellationToken);
        var listed = catalog.All.Where(d => d.Text is not null && d.Description is not null).ToList();
        var card = cards.Render("help", new
        {
            title = CommandStrings.Help_Title,
            intro = CommandStrings.Help_Intro,
            moderatorHeading = CommandStrings.Help_ModeratorSection,
            commands = Describe(listed.Where(d => !d.ModeratorOnly)),
            moderatorCommands = isModerator ? Describe(listed.Where(d => d.ModeratorOnly)) : [],
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
}

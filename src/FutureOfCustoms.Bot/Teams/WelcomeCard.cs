using FutureOfCustoms.Bot.Cards;
using FutureOfCustoms.Bot.Commands;

namespace FutureOfCustoms.Bot.Teams;

/// <summary>The card the bot introduces itself with when added to a team or installed for a member.</summary>
internal sealed class WelcomeCard(CommandCatalog catalog, ICardRenderer cards)
{
    public OutgoingMessage Render()
    {
        var memberCommands = catalog.All.Where(d => d.Text is not null && d.Description is not null && !d.ModeratorOnly);
        var card = cards.Render("welcome", new
        {
            title = TeamsStrings.Welcome_Title,
            subtitle = TeamsStrings.Welcome_Subtitle,
            intro = TeamsStrings.Welcome_Intro,
            commandsHeading = TeamsStrings.Welcome_CommandsHeading,
            commands = HelpCommand.Describe(memberCommands),
            footer = TeamsStrings.Welcome_Footer,
            helpButton = TeamsStrings.Welcome_HelpButton,
            createPoll = catalog.FindByVerb(HelpCommand.CreatePollVerb) is not null ? TeamsStrings.Welcome_CreatePoll : null,
        });
        return OutgoingMessage.FromCard(card, TeamsStrings.Welcome_Title);
    }
}

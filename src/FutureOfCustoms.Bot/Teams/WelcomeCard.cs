using FutureOfCustoms.Bot.Cards;
using FutureOfCustoms.Bot.Commands;

namespace FutureOfCustoms.Bot.Teams;

/// <summary>
/// The card the bot introduces itself with when added to a team or installed for a member: one line on what
/// it is for, and the way to the commands (help), which it does not repeat.
/// </summary>
internal sealed class WelcomeCard(CommandCatalog catalog, ICardRenderer cards)
{
    public OutgoingMessage Render()
    {
        var card = cards.Render("welcome", new
        {
            title = TeamsStrings.Welcome_Title,
            subtitle = TeamsStrings.Welcome_Subtitle,
            intro = TeamsStrings.Welcome_Intro,
            footer = TeamsStrings.Welcome_Footer,
            helpButton = TeamsStrings.Welcome_HelpButton,
            createPoll = catalog.FindByVerb(HelpCommand.CreatePollVerb) is not null ? TeamsStrings.Welcome_CreatePoll : null,
        });
        return OutgoingMessage.FromCard(card, TeamsStrings.Welcome_Title);
    }
}

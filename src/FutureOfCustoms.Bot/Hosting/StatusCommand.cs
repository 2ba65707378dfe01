using System.Globalization;
using FutureOfCustoms.Bot.Cards;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Messaging;
using FutureOfCustoms.Bot.Storage;

namespace FutureOfCustoms.Bot.Hosting;

/// <summary>For moderators: the version, the storage in use and every conversation the bot is installed in.</summary>
internal sealed class StatusCommand(IDocumentStore store, IConversationDirectory conversations, IEnumerable<IHealthFacet> facets, ICardRenderer cards) : ICommandHandler
{
    public async Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var installed = (await conversations.ListAsync(cancellationToken)).Where(c => c.Installed).OrderBy(c => c.FirstSeenAt).ToList();
        var facts = new List<object>
        {
            new { name = HostingStrings.Status_Version, value = HealthEndpoints.Version },
            new { name = HostingStrings.Status_Storage, value = store.ProviderName },
        };
        foreach (var facet in facets)
        {
            if (await facet.DescribeAsync(cancellationToken) is { } value)
            {
                facts.Add(new { name = facet.Name, value = Convert.ToString(value, CultureInfo.CurrentCulture) });
            }
        }

        var card = cards.Render("status", new
        {
            title = HostingStrings.Status_Title,
            facts,
            conversationsHeading = string.Format(CultureInfo.CurrentCulture, HostingStrings.Status_ConversationsHeading, installed.Count),
            conversations = installed.Select(c => new
            {
                line = string.Format(CultureInfo.CurrentCulture, HostingStrings.Status_ConversationLine, KindName(c.Conversation.Kind), c.Conversation.Id, c.FirstSeenAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            }),
        });
        return CommandReply.Card(card, HostingStrings.Status_Title);
    }

    private static string KindName(ConversationKind kind) => kind switch
    {
        ConversationKind.Channel => HostingStrings.Kind_Channel,
        ConversationKind.GroupChat => HostingStrings.Kind_GroupChat,
        _ => HostingStrings.Kind_Personal,
    };
}

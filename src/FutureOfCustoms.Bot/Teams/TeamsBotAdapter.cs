using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;

namespace FutureOfCustoms.Bot.Teams;

// CloudAdapter has several public constructors, which the DI container cannot choose between.
internal sealed class TeamsBotAdapter : CloudAdapter
{
    public TeamsBotAdapter(BotFrameworkAuthentication auth, ILogger<TeamsBotAdapter> logger)
        : base(auth, logger)
    {
    }
}

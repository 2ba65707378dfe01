namespace FutureOfCustoms.Bot.Commands;

/// <summary>A feature's handler for one or more verbs of the routing table.</summary>
public interface ICommandHandler
{
    Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken);
}

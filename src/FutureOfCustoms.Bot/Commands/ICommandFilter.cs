namespace FutureOfCustoms.Bot.Commands;

/// <summary>
/// Runs around every routed command, once its verb is known: per-member rate limits, turn telemetry. Filters
/// run in registration order; one may answer instead of calling <paramref name="inner"/>.
/// </summary>
public interface ICommandFilter
{
    Task<CommandReply> RunAsync(CommandDefinition definition, CommandContext context, Func<Task<CommandReply>> inner, CancellationToken cancellationToken);
}

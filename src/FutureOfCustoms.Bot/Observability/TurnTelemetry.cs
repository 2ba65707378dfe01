using System.Diagnostics;
using FutureOfCustoms.Bot.Commands;

namespace FutureOfCustoms.Bot.Observability;

/// <summary>One span and one measurement per routed command: its verb, how long it took, and for votes whether it counted.</summary>
internal sealed class TurnTelemetry(BotTelemetry telemetry, TimeProvider time) : ICommandFilter
{
    public const string VoteVerb = "poll.vote";

    public async Task<CommandReply> RunAsync(CommandDefinition definition, CommandContext context, Func<Task<CommandReply>> inner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(inner);
        using var span = BotTelemetry.Traces.StartActivity($"turn {definition.Verb}");
        span?.SetTag("bot.verb", definition.Verb);
        span?.SetTag("bot.source", context?.Source.ToString());
        var started = time.GetTimestamp();
        try
        {
            var reply = await inner();
            span?.SetTag("bot.refused", reply.IsRefusal);
            if (definition.Verb == VoteVerb && !reply.IsRefusal)
            {
                telemetry.Vote();
            }

            return reply;
        }
        catch (Exception ex)
        {
            span?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
        finally
        {
            telemetry.Turn(definition.Verb, time.GetElapsedTime(started));
        }
    }
}

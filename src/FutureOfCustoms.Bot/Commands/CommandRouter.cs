using System.Globalization;
using System.Text.Json.Nodes;

namespace FutureOfCustoms.Bot.Commands;

/// <summary>Who and where, for a turn about to be routed.</summary>
/// <param name="TimeZone">The member's own zone as their Teams client reports it; null when it does not.</param>
public sealed record TurnInfo(UserRef User, ConversationRef Conversation, CultureInfo Culture, string? CardActivityId = null, TimeZoneInfo? TimeZone = null);

/// <summary>
/// Sends typed text and card actions to the handler of their verb, through one moderator check.
/// Card actions carry their verb in the action (Action.Execute) or in data.verb (Action.Submit); both
/// end here, so a feature writes one handler per verb.
/// </summary>
public sealed partial class CommandRouter(CommandCatalog catalog, IServiceProvider services, IModeratorPolicy moderators, IEnumerable<ICommandFilter> filters, ILogger<CommandRouter> logger)
{
    private readonly ICommandFilter[] _filters = [.. filters];

    public const string VerbField = "verb";

    public Task<CommandReply> RouteTextAsync(TurnInfo turn, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var (definition, arguments) = catalog.MatchText(text ?? string.Empty);
        return DispatchAsync(definition, new CommandContext
        {
            Verb = definition.Verb,
            User = turn.User,
            Conversation = turn.Conversation,
            Culture = turn.Culture,
            Source = CommandSource.Text,
            Arguments = arguments,
            TimeZone = turn.TimeZone,
        }, cancellationToken);
    }

    /// <param name="verb">The action's verb; null for Action.Submit, whose verb is data.verb.</param>
    public Task<CommandReply> RouteActionAsync(TurnInfo turn, CommandSource source, string? verb, JsonNode? data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var payload = data as JsonObject;
        verb ??= payload?[VerbField] is JsonValue value && value.TryGetValue(out string? named) ? named : null;
        var definition = string.IsNullOrWhiteSpace(verb) ? null : catalog.FindByVerb(verb);
        if (definition is null || (data is not null && payload is null))
        {
            LogUnknownAction(logger, verb, turn.User.Id);
            return Task.FromResult(CommandReply.Refusal(CommandStrings.UnknownAction));
        }

        var fields = new JsonObject();
        foreach (var (key, node) in payload ?? [])
        {
            if (key != VerbField)
            {
                fields[key] = node?.DeepClone();
            }
        }

        return DispatchAsync(definition, new CommandContext
        {
            Verb = definition.Verb,
            User = turn.User,
            Conversation = turn.Conversation,
            Culture = turn.Culture,
            Source = source,
            Data = fields,
            CardActivityId = turn.CardActivityId,
            TimeZone = turn.TimeZone,
        }, cancellationToken);
    }

    private Task<CommandReply> DispatchAsync(CommandDefinition definition, CommandContext context, CancellationToken cancellationToken)
    {
        Func<Task<CommandReply>> run = () => HandleAsync(definition, context, cancellationToken);
        foreach (var filter in _filters.Reverse())
        {
            var next = run;
            run = () => filter.RunAsync(definition, context, next, cancellationToken);
        }

        return run();
    }

    private async Task<CommandReply> HandleAsync(CommandDefinition definition, CommandContext context, CancellationToken cancellationToken)
    {
        if (definition.ModeratorOnly && !await moderators.IsModeratorAsync(context.User, context.Conversation, cancellationToken))
        {
            LogRefused(logger, definition.Verb, context.User.Id, context.User.AadObjectId, context.Conversation.Id);
            return CommandReply.Refusal(CommandStrings.ModeratorOnly);
        }

        var handler = (ICommandHandler)services.GetRequiredService(definition.Handler);
        return await handler.HandleAsync(context, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Card action with unknown verb {Verb} from {User}")]
    private static partial void LogUnknownAction(ILogger logger, string? verb, string user);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused moderator command {Verb} from {User} ({AadObjectId}) in {Conversation}")]
    private static partial void LogRefused(ILogger logger, string verb, string user, string? aadObjectId, string conversation);
}

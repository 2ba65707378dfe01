namespace FutureOfCustoms.Bot.Commands;

/// <summary>
/// One row of the routing table. The same verb serves typed text (when <see cref="Text"/> is set), the
/// manifest's command lists, Action.Execute invokes and Action.Submit messages.
/// </summary>
public sealed record CommandDefinition
{
    public required string Verb { get; init; }

    public required Type Handler { get; init; }

    /// <summary>The words a member types, e.g. "export suggestions"; null for card-only verbs.</summary>
    public string? Text { get; init; }

    /// <summary>What follows the words in help, e.g. "&lt;a-j&gt;".</summary>
    public string? Usage { get; init; }

    /// <summary>
    /// What may follow the words (a regular expression over the trimmed rest). Text whose rest does not fit
    /// is not this command: "help me find the AEO passage" is a question, not "help". The bare words always are.
    /// </summary>
    public string Arguments { get; init; } = NoArguments;

    public bool ModeratorOnly { get; init; }

    /// <summary>Whether help offers the command now (null: always). A command that is off stays routable, so typing
    /// it still gets its own explanation (e.g. "index" without Graph).</summary>
    public Func<IServiceProvider, bool>? IsEnabled { get; init; }

    /// <summary>Localized one-line description for help and the manifest; null keeps the verb out of help.</summary>
    public Func<string>? Description { get; init; }

    /// <summary>Receives any text that is no command (the knowledge base's questions). Exactly one verb has it.</summary>
    public bool IsFallback { get; init; }

    public const string NoArguments = "^$";

    public const string AnyText = "^[\\s\\S]*$";
}

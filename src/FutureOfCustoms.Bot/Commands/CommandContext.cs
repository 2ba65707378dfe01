using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace FutureOfCustoms.Bot.Commands;

public enum ConversationKind
{
    Personal,
    GroupChat,
    Channel,
}

/// <summary>Who acts. <see cref="AadObjectId"/> is the Entra object id moderators are configured by.</summary>
public sealed record UserRef(string Id, string Name, string? AadObjectId)
{
    /// <summary>What a member's own data (ballots, answers, votes, profile) is kept under: see <see cref="KeyOf"/>.</summary>
    [JsonIgnore]
    public string Key => KeyOf(Id, AadObjectId);

    /// <summary>
    /// One rule for every feature: the Entra object id, the same in every chat, else the channel id. Written out
    /// per feature it drifted once (an empty Entra id made members share one key).
    /// </summary>
    public static string KeyOf(string id, string? aadObjectId) => string.IsNullOrEmpty(aadObjectId) ? id : aadObjectId;
}

/// <summary>Where the turn happens, in the project's own terms (no Bot Framework types beyond Teams/).</summary>
/// <param name="TeamAadGroupId">The team's Microsoft 365 group id: Graph knows a team by it, not by <paramref name="TeamId"/> (a thread id).</param>
/// <param name="MeetingId">The Teams meeting whose chat this is, when it is one.</param>
public sealed record ConversationRef(string Id, ConversationKind Kind, string? TenantId = null, string? TeamId = null, string? ChannelId = null, string? TeamAadGroupId = null, string? MeetingId = null);

/// <summary>How the turn reached the bot: typed text, a Universal Action (Action.Execute), a classic Action.Submit, or a dialog (task module).</summary>
public enum CommandSource
{
    Text,
    Execute,
    Submit,

    /// <summary>A dialog opened or submitted (task/fetch, task/submit, a message extension's action): the reply is the dialog's next card or message.</summary>
    Dialog,
}

/// <summary>One incoming command, already routed: its verb, the text after the command words, and the card data.</summary>
public sealed class CommandContext
{
    // Looked up once: CultureInfo.GetCultureInfo takes a process-wide lock, which every turn contended for.
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public required string Verb { get; init; }

    public required UserRef User { get; init; }

    public required ConversationRef Conversation { get; init; }

    public required CommandSource Source { get; init; }

    public CultureInfo Culture { get; init; } = English;

    /// <summary>The member's time zone (Teams sends it with messages and card actions); null when the client did not
    /// name one this machine knows, so each feature picks its own fallback (a poll: the zone its moderator chose).</summary>
    public TimeZoneInfo? TimeZone { get; init; }

    /// <summary>What followed the command words, trimmed; for a question, the whole question.</summary>
    public string Arguments { get; init; } = string.Empty;

    /// <summary>The card's submitted data and inputs, without the routing verb; empty for text.</summary>
    public JsonObject Data { get; init; } = [];

    /// <summary>The id of the message holding the card the action came from, when it came from a card.</summary>
    public string? CardActivityId { get; init; }

    public bool IsFromCard => Source != CommandSource.Text;
}

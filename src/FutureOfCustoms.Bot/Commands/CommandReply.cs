using System.Text.Json.Nodes;

namespace FutureOfCustoms.Bot.Commands;

/// <summary>
/// A message the bot sends: plain text, an Adaptive Card, or both (text is the notification preview).
/// With <see cref="Citations"/>, the text is shown and its "[1]" markers open the cited sources.
/// </summary>
public sealed record OutgoingMessage(string? Text, JsonObject? Card = null, IReadOnlyList<MessageCitation>? Citations = null)
{
    /// <summary>In a meeting chat, Teams' in-meeting notification (content bubble) opening this page.</summary>
    public Uri? InMeeting { get; init; }

    public static OutgoingMessage FromText(string text) => new(text);

    public static OutgoingMessage FromCard(JsonObject card, string? summary = null) => new(summary, card);
}

/// <summary>A source cited by "[Position]" in a message's text: its name and a short extract (Teams shows at most 160 characters).</summary>
public sealed record MessageCitation(int Position, string Name, string Abstract);

/// <summary>
/// What a command answers. <see cref="UpdatedCard"/> replaces the card the action came from (the
/// Action.Execute invoke response, or an update of the card's message for Action.Submit);
/// <see cref="Messages"/> are new messages in the conversation.
/// </summary>
public sealed class CommandReply
{
    public JsonObject? UpdatedCard { get; init; }

    public IReadOnlyList<OutgoingMessage> Messages { get; init; } = [];

    /// <summary>Nothing changed because the input was refused; the text says why.</summary>
    public bool IsRefusal { get; init; }

    /// <summary>The title of the dialog <see cref="UpdatedCard"/> is shown in, when the action came from a dialog.</summary>
    public string? DialogTitle { get; init; }

    public static CommandReply Text(string text) => new() { Messages = [OutgoingMessage.FromText(text)] };

    public static CommandReply Card(JsonObject card, string? summary = null) => new() { Messages = [OutgoingMessage.FromCard(card, summary)] };

    public static CommandReply Update(JsonObject card) => new() { UpdatedCard = card };

    /// <summary>The card a dialog (task module) shows next, under <paramref name="title"/>.</summary>
    public static CommandReply Dialog(JsonObject card, string title) => new() { UpdatedCard = card, DialogTitle = title };

    public static CommandReply Refusal(string text) => new() { Messages = [OutgoingMessage.FromText(text)], IsRefusal = true };
}

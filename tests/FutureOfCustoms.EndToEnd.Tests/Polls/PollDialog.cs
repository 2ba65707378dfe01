using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FutureOfCustoms.EndToEnd.Tests.Infrastructure;

namespace FutureOfCustoms.EndToEnd.Tests.Polls;

/// <summary>
/// The poll creation dialog as the Playground carries it: through the message extension's action command
/// (composeExtension/fetchTask, then submitAction for each of its buttons). The Playground does not open dialogs
/// from a card's task/fetch button; it opens this one, from its compose box or over its API.
/// </summary>
internal static partial class PollDialog
{
    public const string CommandId = "poll.dialog";

    public static Task<JsonNode?> StepAsync(AgentsPlayground playground, string conversationId, string name, JsonObject data, PlaygroundUser? user = null)
        => playground.MessageExtensionActionAsync(conversationId, name, CommandId, data, user);

    /// <summary>The dialog's inputs, filled in, with the Preview button's data.</summary>
    public static JsonObject Preview(string dialogKey, string question) => new()
    {
        ["verb"] = "poll.preview",
        ["dialogKey"] = dialogKey,
        ["launcherId"] = string.Empty,
        ["question"] = question,
        ["options"] = "Data analytics\nE-commerce\nGreen customs",
        ["maxChoices"] = "1",
        ["visibility"] = "Live",
        ["timeZone"] = "Europe/Brussels",
    };

    public static string DialogKey(JsonNode task) => (string)task["value"]!["card"]!["content"]!["actions"]![0]!["data"]!["dialogKey"]!;

    /// <summary>The poll id a dialog step or a poll card carries in its buttons' data.</summary>
    public static string PollId(JsonNode node) => PollIdPattern().Match(node.ToJsonString()).Groups[1].Value;

    [GeneratedRegex("\"pollId\":\"([a-z0-9]+)\"")]
    private static partial Regex PollIdPattern();
}

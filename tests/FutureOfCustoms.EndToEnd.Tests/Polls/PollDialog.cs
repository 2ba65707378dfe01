using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FutureOfCustoms.EndToEnd.Tests.Infrastructure;

namespace FutureOfCustoms.EndToEnd.Tests.Polls;

/// <summary>
/// The poll creation dialog as the Playground carries it: through the message extension's action command
/// (composeExtension/fetchTask, then submitAction for each of its buttons). The Playground does not open dialogs
/// from a card's task/fetch button, so this is the way a test reaches the same dialog.
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

    public static string PollId(JsonNode task) => PollIdPattern().Match(task.ToJsonString()).Groups[1].Value;

    /// <summary>Opens the dialog, previews and launches; returns the poll's id.</summary>
    public static async Task<string> LaunchAsync(AgentsPlayground playground, string conversationId, string question)
    {
        var opened = (await StepAsync(playground, conversationId, "composeExtension/fetchTask", []))!["task"]!;
        var preview = (await StepAsync(playground, conversationId, "composeExtension/submitAction", Preview(DialogKey(opened), question)))!["task"]!;
        var pollId = PollId(preview);
        var launched = (await StepAsync(playground, conversationId, "composeExtension/submitAction", new JsonObject { ["verb"] = "poll.launch", ["pollId"] = pollId }))!["task"]!;
        Assert.Contains("The poll is posted", (string?)launched["value"], StringComparison.Ordinal);
        return pollId;
    }

    [GeneratedRegex("\"pollId\":\"([a-z0-9]+)\"")]
    private static partial Regex PollIdPattern();
}

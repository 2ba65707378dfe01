using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FutureOfCustoms.EndToEnd.Tests.Infrastructure;

namespace FutureOfCustoms.EndToEnd.Tests.Suggestions;

/// <summary>
/// The issue's "done when", through the Agents Playground: a member's invalid then valid suggestion card, a
/// similar topic flagged, the moderator's acceptance, `topics` and a question finding the accepted topic, the
/// author's notification, and all of it again after a restart.
/// </summary>
[Collection(PlaygroundCollectionDefinition.Name)]
public sealed partial class SuggestionPlaygroundTests(PlaygroundFixture fixture)
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(45);

    private AgentsPlayground Playground => fixture.Playground;

    [E2EFact(RequiredTool.Node, RequiredTool.NodeModules)]
    public async Task A_member_suggests_a_close_topic_is_flagged_the_accepted_one_is_listed_found_notified_and_survives_a_restart()
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        var member = PlaygroundUsers.Members[0];

        // A member: the invalid card comes back with the field errors, the valid one with the confirmation.
        var memberForm = await OpenFormAsync(member);
        var invalid = await SubmitAsync(memberForm, Inputs(title: string.Empty, kind: string.Empty), member);
        Assert.Contains("Please correct the fields marked below.", VisibleText(invalid), StringComparison.Ordinal);
        Assert.Contains("This field is required.", VisibleText(invalid), StringComparison.Ordinal);
        var memberTitle = $"Drone patrols over remote mountain passes {run}";
        var stored = await SubmitAsync(memberForm, Inputs(memberTitle), member);
        Assert.Contains("Thank you, your suggestion is stored as #", VisibleText(stored), StringComparison.Ordinal);

        // The Playground shows 1:1 messages only for its own user, the moderator: so the moderator is the
        // author whose notification the test can see. The member's pending suggestion flags the close title.
        var moderatorForm = await OpenFormAsync(PlaygroundUsers.Moderator);
        var title = $"Drone patrols over remote mountain passes and lakes {run}";
        var flagged = await SubmitAsync(moderatorForm, Inputs(title), PlaygroundUsers.Moderator);
        Assert.Contains("This looks close to topics the group already has.", VisibleText(flagged), StringComparison.Ordinal);
        Assert.Contains(memberTitle, VisibleText(flagged), StringComparison.Ordinal);
        var saved = await SubmitAsync(moderatorForm, Inputs(title, confirmed: true), PlaygroundUsers.Moderator);
        Assert.Contains("Thank you, your suggestion is stored as #", VisibleText(saved), StringComparison.Ordinal);
        var suggestionId = FindExecute(saved, "suggestions.accept")["data"]!["id"]!.GetValue<string>();

        var position = Playground.Stream.Position;
        var accepted = await Playground.InvokeAsync(PlaygroundUsers.PersonalChatId, moderatorForm.MessageId!, "suggestions.accept", new JsonObject { ["id"] = suggestionId });
        Assert.Contains("accepted", VisibleText(accepted), StringComparison.Ordinal);
        Assert.DoesNotContain("suggestions.accept", accepted!.ToJsonString(), StringComparison.Ordinal);
        var notification = await Playground.Stream.WaitForMessageAsync(
            m => m.Text?.Contains("was accepted: it joins the group's catalogue of topics.", StringComparison.Ordinal) == true, AgentsPlayground.DefaultReplyTimeout, position, "the author's notification");
        Assert.Contains(title, notification.Text, StringComparison.Ordinal);

        await AssertFoundAsync(title);
        await fixture.Bot.RestartAsync();
        await AssertFoundAsync(title);
        var list = await ReplyTextAsync("suggestions", PlaygroundUsers.Members[1]);
        Assert.Contains(memberTitle, list, StringComparison.Ordinal);
    }

    /// <summary>`topics` lists the accepted suggestion and a question about it is answered from it, with its citation path.</summary>
    private async Task AssertFoundAsync(string title)
    {
        Assert.Contains(title, await ReplyTextAsync("topics", PlaygroundUsers.Members[2]), StringComparison.Ordinal);
        var answer = await ReplyTextAsync("Is anyone proposing drone patrols over remote mountain passes and lakes?", PlaygroundUsers.Members[2]);
        Assert.Contains("Suggestions > #", answer, StringComparison.Ordinal);
        Assert.Contains(title, answer, StringComparison.Ordinal);
    }

    private async Task<string> ReplyTextAsync(string text, PlaygroundUser user)
    {
        var reply = await Playground.WaitForReplyAsync(await Playground.SendPersonalMessageAsync(text, user), m => m.Attachments.Count > 0, AnswerTimeout);
        return VisibleText(reply.Message);
    }

    /// <summary>The moderator in the personal chat; a member in the group chat, where the Playground accepts their card actions.</summary>
    private async Task<BotMessage> OpenFormAsync(PlaygroundUser user)
    {
        var sent = user == PlaygroundUsers.Moderator
            ? await Playground.SendPersonalMessageAsync("suggest")
            : await Playground.SendGroupChatMessageAsync("suggest", user);
        return await Playground.WaitForReplyAsync(sent, m => m.Attachments.Count > 0);
    }

    /// <summary>Action.Execute on the form's Submit, with the card's own data plus the typed inputs; returns the invoke response.</summary>
    private async Task<JsonNode> SubmitAsync(BotMessage form, JsonObject inputs, PlaygroundUser user)
    {
        var data = FindExecute(form.Message, "suggestions.submit")["data"]!.DeepClone().AsObject();
        foreach (var (key, value) in inputs)
        {
            data[key] = value?.DeepClone();
        }

        return await Playground.InvokeAsync(form.ConversationId, form.MessageId!, "suggestions.submit", data, user)
            ?? throw new InvalidOperationException("No invoke response to suggestions.submit.");
    }

    private static JsonObject Inputs(string title, string kind = "NewResearchArea", bool confirmed = false)
    {
        var inputs = new JsonObject
        {
            ["title"] = title,
            ["why"] = "Patrols in terrain where no officer can be posted all year.",
            ["kind"] = kind,
            ["blocks"] = string.Empty,
            ["bodies"] = string.Empty,
            ["administration"] = "Customs Administration of Testland",
            ["volunteer"] = "false",
        };
        if (confirmed)
        {
            inputs["confirmed"] = "true";
        }

        return inputs;
    }

    /// <summary>What a person reads: texts, titles and values, without the markdown escapes the card renderer adds.</summary>
    private static string VisibleText(JsonNode? node) => node switch
    {
        JsonObject obj => string.Join("\n", obj.Select(p => p.Value is JsonValue value && p.Key is "text" or "title" or "value" && value.TryGetValue<string>(out var text)
            ? MarkdownEscape().Replace(text, "$1")
            : VisibleText(p.Value))),
        JsonArray array => string.Join("\n", array.Select(VisibleText)),
        _ => string.Empty,
    };

    private static JsonObject FindExecute(JsonNode? node, string verb) =>
        FindAll(node, verb).FirstOrDefault() ?? throw new InvalidOperationException($"No Action.Execute {verb} in {node?.ToJsonString()}");

    [GeneratedRegex(@"\\(.)")]
    private static partial Regex MarkdownEscape();

    private static IEnumerable<JsonObject> FindAll(JsonNode? node, string verb) => node switch
    {
        JsonObject obj when (string?)obj["type"] == "Action.Execute" && (string?)obj["verb"] == verb => [obj],
        JsonObject obj => obj.SelectMany(p => FindAll(p.Value, verb)),
        JsonArray array => array.SelectMany(i => FindAll(i, verb)),
        _ => [],
    };
}

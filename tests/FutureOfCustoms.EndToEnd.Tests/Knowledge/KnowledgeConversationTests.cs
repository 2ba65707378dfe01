using System.Text.Json.Nodes;
using FutureOfCustoms.EndToEnd.Tests.Infrastructure;

namespace FutureOfCustoms.EndToEnd.Tests.Knowledge;

/// <summary>The knowledge base as Teams sees it: cited answers in personal chat and channel threads, the catalogue, feedback.</summary>
[Collection(PlaygroundCollectionDefinition.Name)]
public sealed class KnowledgeConversationTests(PlaygroundFixture fixture)
{
    private const string ECommerceQuestion = "What does the VWG FC say about e-commerce?";

    private AgentsPlayground Playground => fixture.Playground;

    [E2EFact(RequiredTool.Node, RequiredTool.NodeModules)]
    public async Task A_question_in_personal_chat_gets_the_cited_answer_card()
    {
        var sent = await Playground.SendPersonalMessageAsync(ECommerceQuestion);

        var reply = await Playground.WaitForReplyAsync(sent, m => m.Attachments.Count > 0, TimeSpan.FromSeconds(60));

        var card = Card(reply);
        Assert.Contains(card["body"]!.AsArray(), e => e?["text"]?.GetValue<string>() == "From the group's documents");
        Assert.Contains(card["body"]!.AsArray(), e => e?["text"]?.GetValue<string>() is { } text && text.Contains("Annex", StringComparison.Ordinal) && text.Contains("E-commerce", StringComparison.Ordinal));
        // The Playground shows Teams' citation entity as the message's "aiEntity".
        var citation = reply.Message["aiEntity"]!["citation"]![0]!;
        Assert.Equal(1, citation["position"]!.GetValue<int>());
        Assert.Contains("E-commerce", citation["appearance"]!["name"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [E2EFact(RequiredTool.Node, RequiredTool.NodeModules)]
    public async Task Blocks_lists_the_10_building_blocks()
    {
        var sent = await Playground.SendPersonalMessageAsync("blocks", PlaygroundUsers.Members[1]);

        var reply = await Playground.WaitForReplyAsync(sent, m => m.Attachments.Count > 0, TimeSpan.FromSeconds(60));

        var rows = Card(reply)["body"]!.AsArray().Where(e => e?["selectAction"] is not null).ToList();
        Assert.Equal(10, rows.Count);
        Assert.All(rows, r => Assert.Equal("knowledge.block", r!["selectAction"]!["verb"]!.GetValue<string>()));
    }

    [E2EFact(RequiredTool.Node, RequiredTool.NodeModules)]
    public async Task A_channel_mention_question_is_answered_in_the_thread()
    {
        var sent = await Playground.SendChannelMessageAsync(ECommerceQuestion);

        var reply = await Playground.WaitForReplyAsync(sent, m => m.Attachments.Count > 0, TimeSpan.FromSeconds(60));

        Assert.StartsWith(PlaygroundUsers.TeamId + ";messageid=", reply.ConversationId, StringComparison.Ordinal);
        Assert.Contains("E-commerce", Card(reply).ToJsonString(), StringComparison.Ordinal);
    }

    [E2EFact(RequiredTool.Node, RequiredTool.NodeModules)]
    public async Task Helpful_on_an_answer_updates_the_card_to_thank_the_member()
    {
        var answer = await Playground.WaitForReplyAsync(await Playground.SendPersonalMessageAsync(ECommerceQuestion), m => m.Attachments.Count > 0, TimeSpan.FromSeconds(60));
        var feedback = FindExecute(Card(answer), "knowledge.feedback").First();

        var response = await Playground.InvokeAsync(PlaygroundUsers.PersonalChatId, answer.MessageId!, "knowledge.feedback", feedback["data"]!.DeepClone().AsObject());

        Assert.Contains("Thank you", response!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("application/vnd.microsoft.card.adaptive", response["type"]?.GetValue<string>());
    }

    private static JsonObject Card(BotMessage message) => message.Attachments[0]!["content"]!.AsObject();

    private static IEnumerable<JsonObject> FindExecute(JsonNode? node, string verb) => node switch
    {
        JsonObject obj when (string?)obj["type"] == "Action.Execute" && (string?)obj["verb"] == verb => [obj],
        JsonObject obj => obj.SelectMany(p => FindExecute(p.Value, verb)),
        JsonArray array => array.SelectMany(i => FindExecute(i, verb)),
        _ => [],
    };
}

using System.Net;
using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Tests.Support;
using FutureOfCustoms.Testing;

namespace FutureOfCustoms.Bot.Tests.Digest;

/// <summary>The real host and its real connector client, against a local stand-in for the Bot Connector.</summary>
public sealed class DigestConnectorTests
{
    [Fact]
    public async Task A_connector_answering_429_then_201_gets_exactly_one_digest()
    {
        await using var connector = await FakeBotConnector.StartAsync(HttpStatusCode.TooManyRequests);
        using var bot = new BotApplicationFactory(new Dictionary<string, string?> { ["Digest:Enabled"] = "false" });
        await bot.PostActivityAsync(BotAddedToTeam(connector.Url));

        var (_, replies) = await bot.PostActivityAsync(BotApplicationFactory.TeamsMessage("digest post", TestBot.ModeratorAadId));

        Assert.Contains("posted in the group channel", replies.ToJsonString(), StringComparison.Ordinal);
        var posts = connector.Posts.ToList();
        Assert.All(posts, p => Assert.Contains("general", p.Path, StringComparison.Ordinal));
        Assert.Equal([429, 201], posts.Select(p => p.Status));
        Assert.Contains("AdaptiveCard", posts[^1].Body, StringComparison.Ordinal);
    }

    private const string Channel = "19:general@thread.tacv2";

    private static JsonObject BotAddedToTeam(Uri serviceUrl) => new()
    {
        ["type"] = "conversationUpdate",
        ["id"] = Guid.NewGuid().ToString("N"),
        ["channelId"] = "msteams",
        ["serviceUrl"] = serviceUrl.ToString(),
        ["from"] = new JsonObject { ["id"] = $"29:{TestBot.ModeratorAadId}", ["aadObjectId"] = TestBot.ModeratorAadId },
        ["recipient"] = new JsonObject { ["id"] = TestBot.BotId, ["name"] = "Future of Customs" },
        ["membersAdded"] = new JsonArray(new JsonObject { ["id"] = TestBot.BotId }),
        ["conversation"] = new JsonObject { ["id"] = Channel, ["conversationType"] = "channel", ["isGroup"] = true, ["tenantId"] = TestBot.TenantId },
        ["channelData"] = new JsonObject
        {
            ["eventType"] = "teamMemberAdded",
            ["team"] = new JsonObject { ["id"] = TestBot.TeamId, ["name"] = "Future of Customs VWG" },
            ["channel"] = new JsonObject { ["id"] = Channel, ["name"] = "General" },
            ["tenant"] = new JsonObject { ["id"] = TestBot.TenantId },
        },
    };
}

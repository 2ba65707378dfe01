using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace FutureOfCustoms.EndToEnd.Tests.Scale;

/// <summary>
/// Posts Teams-shaped activities straight to one bot instance's /api/messages with deliveryMode expectReplies,
/// so the replies (and an invoke's response) come back in the HTTP response. Every activity carries the fake
/// connector as serviceUrl: the bot keeps the latest one in the conversation reference it posts through.
/// </summary>
internal sealed class TeamsActivityClient(Uri messagesEndpoint, Uri serviceUrl)
{
    public const string TenantId = "tenant-two-instances";
    public const string TeamId = "19:team-two-instances@thread.tacv2";
    public const string ChannelId = "19:general-two-instances@thread.tacv2";
    public const string BotId = "28:bot-two-instances";

    // One client for every instance and test: connections are pooled per endpoint.
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>The whole response body (the replies), as JSON text, for assertions on what users see.</summary>
    public async Task<string> SendAsync(JsonObject activity)
    {
        activity["deliveryMode"] = "expectReplies";
        using var response = await Http.PostAsJsonAsync(messagesEndpoint, activity);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{messagesEndpoint} answered {(int)response.StatusCode}: {body}");
        return body;
    }

    public Task<string> TextAsync(string text, string aadObjectId, bool inChannel = false)
    {
        var activity = Activity("message", aadObjectId, inChannel);
        activity["text"] = text;
        return SendAsync(activity);
    }

    /// <summary>An Action.Execute from a card (adaptiveCard/action invoke).</summary>
    public Task<string> ExecuteAsync(string verb, JsonObject data, string aadObjectId, bool inChannel = true)
    {
        var activity = Activity("invoke", aadObjectId, inChannel);
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
            ["trigger"] = "manual",
        };
        return SendAsync(activity);
    }

    /// <summary>The moderator adds the bot to the team: the bot stores the channel's reference (and so the serviceUrl).</summary>
    public Task<string> AddBotToTeamAsync(string moderatorAadObjectId)
    {
        var activity = Activity("conversationUpdate", moderatorAadObjectId, inChannel: true);
        activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = BotId });
        activity["channelData"]!["eventType"] = "teamMemberAdded";
        return SendAsync(activity);
    }

    private JsonObject Activity(string type, string aadObjectId, bool inChannel) => new()
    {
        ["type"] = type,
        ["id"] = Guid.NewGuid().ToString("N"),
        ["channelId"] = "msteams",
        ["serviceUrl"] = serviceUrl.ToString(),
        ["locale"] = "en-US",
        ["from"] = new JsonObject { ["id"] = $"29:{aadObjectId}", ["name"] = $"Delegate {aadObjectId[^4..]}", ["aadObjectId"] = aadObjectId },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "Future of Customs" },
        ["conversation"] = inChannel
            ? new JsonObject { ["id"] = ChannelId, ["conversationType"] = "channel", ["isGroup"] = true, ["tenantId"] = TenantId }
            : new JsonObject { ["id"] = $"a:personal-{aadObjectId}", ["conversationType"] = "personal", ["tenantId"] = TenantId },
        ["channelData"] = inChannel
            ? new JsonObject
            {
                ["team"] = new JsonObject { ["id"] = TeamId, ["name"] = "Future of Customs VWG" },
                ["channel"] = new JsonObject { ["id"] = ChannelId, ["name"] = "General" },
                ["tenant"] = new JsonObject { ["id"] = TenantId },
            }
            : new JsonObject { ["tenant"] = new JsonObject { ["id"] = TenantId } },
    };
}

using System.Net;
using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Tests.Support;

namespace FutureOfCustoms.Bot.Tests.Hostile;

/// <summary>Inputs the fuzzer found answering 500; each is now a 400 (or a handled turn), never a server error.</summary>
public sealed class MalformedActivityTests : IClassFixture<BotApplicationFactory>
{
    private readonly BotApplicationFactory _factory;

    public MalformedActivityTests(BotApplicationFactory factory) => _factory = factory;

    [Theory]
    [InlineData(null)]
    [InlineData("94656311")]
    [InlineData("true")]
    [InlineData("\"not a url\"")]
    public async Task An_activity_without_a_usable_service_url_is_refused_with_400(string? serviceUrl)
    {
        var activity = BotApplicationFactory.TeamsMessage("help");
        activity["serviceUrl"] = serviceUrl is null ? null : JsonNode.Parse(serviceUrl);

        var (response, _) = await _factory.PostActivityAsync(activity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("serviceUrl", "\"ftp://127.0.0.1/\"")]
    [InlineData("channelId", null)]
    [InlineData("channelId", "\"\"")]
    [InlineData("channelId", "\"\\\\u0026\\u202E#2x\"")]
    public async Task Odd_connector_fields_never_cause_a_server_error(string field, string? json)
    {
        var activity = BotApplicationFactory.TeamsMessage("help");
        activity[field] = json is null ? null : JsonNode.Parse(json);

        var (response, _) = await _factory.PostActivityAsync(activity);

        Assert.True((int)response.StatusCode < 500, $"HTTP {(int)response.StatusCode}");
    }

    [Theory]
    [InlineData("task/fetch")]
    [InlineData("composeExtension/query")]
    [InlineData("unknown/name")]
    public async Task An_invoke_the_bot_does_not_offer_is_a_bad_request_even_with_a_mistyped_value(string name)
    {
        var activity = BotApplicationFactory.TeamsMessage(string.Empty);
        activity["type"] = "invoke";
        activity["name"] = name;
        activity["value"] = "not an object";
        activity.Remove("text");
        using var client = _factory.CreateClient();

        var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), new StringContent(activity.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Channel_data_in_another_shape_is_ignored_instead_of_failing_the_turn()
    {
        var activity = BotApplicationFactory.TeamsMessage("help", conversationType: "channel", conversationId: "19:general@thread.tacv2;messageid=7");
        activity["channelData"] = new JsonObject { ["team"] = "not-an-object", ["tenant"] = new JsonArray(1, 2) };

        var (response, activities) = await _factory.PostActivityAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.microsoft.card.adaptive", activities.Single()!["attachments"]![0]!["contentType"]!.GetValue<string>());
    }
}

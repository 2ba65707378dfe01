using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Tests.Support;

namespace FutureOfCustoms.Bot.Tests.Teams;

public sealed class HttpEndpointTests : IClassFixture<BotApplicationFactory>
{
    private readonly BotApplicationFactory _factory;

    public HttpEndpointTests(BotApplicationFactory factory) => _factory = factory;

    [Fact]
    public async Task Health_answers_json_with_status_version_and_storage()
    {
        using var client = _factory.CreateClient();

        var health = await client.GetFromJsonAsync<JsonObject>(new Uri("/healthz", UriKind.Relative));

        Assert.Equal("ok", health!["status"]!.GetValue<string>());
        Assert.Equal("Sqlite", health["storage"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(health["version"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Help_posted_as_a_teams_activity_comes_back_as_a_card()
    {
        var (response, activities) = await _factory.PostActivityAsync(BotApplicationFactory.TeamsMessage("help"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var attachment = activities.Single()!["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_channel_mention_reaches_the_command()
    {
        var message = BotApplicationFactory.TeamsMessage("<at>Future of Customs</at> HELP", conversationType: "channel", conversationId: "19:general@thread.tacv2;messageid=42");
        message["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention",
            ["text"] = "<at>Future of Customs</at>",
            ["mentioned"] = new JsonObject { ["id"] = TestBot.BotId, ["name"] = "Future of Customs" },
        });

        var (_, activities) = await _factory.PostActivityAsync(message);

        Assert.Equal("application/vnd.microsoft.card.adaptive", activities.Single()!["attachments"]![0]!["contentType"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_failing_turn_answers_a_short_apology_without_details()
    {
        using var factory = new BotApplicationFactory().WithServices(s => s.AddCommand<ExplodingCommand>("explode", "explode", null));

        var (response, activities) = await factory.PostActivityAsync(BotApplicationFactory.TeamsMessage("explode"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = activities.Single()!["text"]!.GetValue<string>();
        Assert.StartsWith("Sorry, something went wrong", text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", activities.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", activities.ToJsonString(), StringComparison.Ordinal);
    }

    private sealed class ExplodingCommand : ICommandHandler
    {
        public Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
            => throw new InvalidOperationException("secret internal detail");
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace FutureOfCustoms.Bot.Tests.Digest;

/// <summary>The real host and its real connector client, against a local stand-in for the Bot Connector.</summary>
public sealed class DigestConnectorTests
{
    [Fact]
    public async Task A_connector_answering_429_then_201_gets_exactly_one_digest()
    {
        await using var connector = await FakeConnector.StartAsync(HttpStatusCode.TooManyRequests);
        using var bot = new BotApplicationFactory(new Dictionary<string, string?> { ["Digest:Enabled"] = "false" });
        await bot.PostActivityAsync(BotAddedToTeam(connector.Url));

        var (_, replies) = await bot.PostActivityAsync(BotApplicationFactory.TeamsMessage("digest post", TestBot.ModeratorAadId));

        Assert.Contains("posted in the group channel", replies.ToJsonString(), StringComparison.Ordinal);
        var posts = connector.Requests.ToList();
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

    private sealed record ConnectorRequest(string Path, int Status, string Body);

    /// <summary>Answers the first post with <c>firstStatus</c> and Retry-After: 1, every later one with 201.</summary>
    private sealed class FakeConnector : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private FakeConnector(WebApplication app) => _app = app;

        public ConcurrentQueue<ConnectorRequest> Requests { get; } = new();

        public Uri Url => new(_app.Urls.First() + "/");

        public static async Task<FakeConnector> StartAsync(HttpStatusCode firstStatus)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var connector = new FakeConnector(app);
            var answered = 0;
            // A proactive post arrives as a new activity or, from the Bot Framework's ContinueConversation, as a
            // reply to its synthetic activity id: the Bot Connector accepts both.
            app.MapPost("/v3/conversations/{id}/activities/{replyTo?}", async (HttpContext context) =>
            {
                using var reader = new StreamReader(context.Request.Body);
                var body = await reader.ReadToEndAsync();
                var first = Interlocked.Increment(ref answered) == 1;
                var status = first ? (int)firstStatus : StatusCodes.Status201Created;
                connector.Requests.Enqueue(new ConnectorRequest(context.Request.Path.Value ?? string.Empty, status, body));
                if (first)
                {
                    context.Response.Headers.RetryAfter = "1";
                    return Results.StatusCode(status);
                }

                return Results.Json(new { id = "digest-message-1" }, statusCode: status);
            });
            await app.StartAsync();
            return connector;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FutureOfCustoms.EndToEnd.Tests.Scale;

/// <summary>A post the bot made to a conversation, as the connector received it.</summary>
internal sealed record ConnectorPost(string ConversationId, string Body, DateTimeOffset ReceivedAt);

/// <summary>
/// A local stand-in for the Bot Connector the bot posts proactive messages to (the serviceUrl of the stored
/// conversation reference): accepts new posts and edits, records the posts, and answers the roster with no one.
/// </summary>
internal sealed class FakeBotConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _posts;

    private FakeBotConnector(WebApplication app) => _app = app;

    public ConcurrentQueue<ConnectorPost> Posts { get; } = new();

    public Uri Url => new(_app.Urls.First() + "/");

    public static async Task<FakeBotConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var connector = new FakeBotConnector(app);

        // A proactive post arrives as a new activity or, from ContinueConversation, as a reply to its synthetic activity id.
        app.MapPost("/v3/conversations/{id}/activities/{replyTo?}", async (string id, HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            connector.Posts.Enqueue(new ConnectorPost(Uri.UnescapeDataString(id), body, DateTimeOffset.UtcNow));
            var messageId = "message-" + Interlocked.Increment(ref connector._posts).ToString(CultureInfo.InvariantCulture);
            return Results.Json(new { id = messageId }, statusCode: StatusCodes.Status201Created);
        });
        app.MapPut("/v3/conversations/{id}/activities/{activityId}", (string activityId) => Results.Json(new { id = activityId }));

        // The polls read the channel's roster for "n of N members"; an empty team keeps the counts to the ballots.
        app.MapGet("/v3/conversations/{id}/pagedmembers", () => Results.Json(new { members = Array.Empty<object>() }));
        await app.StartAsync();
        return connector;
    }

    public IReadOnlyList<ConnectorPost> PostsContaining(string text)
        => [.. Posts.Where(p => p.Body.Contains(text, StringComparison.Ordinal))];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

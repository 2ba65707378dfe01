using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FutureOfCustoms.Testing;

/// <summary>A call the bot made to the connector, as received: what it asked and what it was answered.</summary>
public sealed record ConnectorPost(string ConversationId, string Path, int Status, string Body, DateTimeOffset ReceivedAt);

/// <summary>
/// A local stand-in for the Bot Connector (the serviceUrl of a conversation reference), on 127.0.0.1: accepts
/// new posts and edits, records them, and answers the roster with no one. Faults are scripted: the first calls
/// get the statuses given to <see cref="StartAsync"/> (with Retry-After: 1), every later call succeeds.
/// </summary>
public sealed class FakeBotConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<HttpStatusCode> _faults;
    private int _posts;

    private FakeBotConnector(WebApplication app, IEnumerable<HttpStatusCode> faults)
    {
        _app = app;
        _faults = new ConcurrentQueue<HttpStatusCode>(faults);
    }

    public ConcurrentQueue<ConnectorPost> Posts { get; } = new();

    public Uri Url => new(_app.Urls.First() + "/");

    public static async Task<FakeBotConnector> StartAsync(params HttpStatusCode[] firstAnswers)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var connector = new FakeBotConnector(app, firstAnswers);

        // A post arrives as a new activity, or as a reply to an activity id: the Bot Connector accepts both.
        app.MapPost("/v3/conversations/{id}/activities/{replyTo?}", async (string id, HttpContext context) =>
        {
            var (status, body) = await connector.AnswerAsync(id, context, StatusCodes.Status201Created);
            return status == StatusCodes.Status201Created
                ? Results.Json(new { id = "message-" + Interlocked.Increment(ref connector._posts).ToString(CultureInfo.InvariantCulture) }, statusCode: status)
                : Results.StatusCode(status);
        });
        app.MapPut("/v3/conversations/{id}/activities/{activityId}", async (string id, string activityId, HttpContext context) =>
        {
            var (status, _) = await connector.AnswerAsync(id, context, StatusCodes.Status200OK);
            return status == StatusCodes.Status200OK ? Results.Json(new { id = activityId }) : Results.StatusCode(status);
        });

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

    private async Task<(int Status, string Body)> AnswerAsync(string conversationId, HttpContext context, int success)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var status = _faults.TryDequeue(out var fault) ? (int)fault : success;
        if (status != success)
        {
            context.Response.Headers.RetryAfter = "1";
        }

        Posts.Enqueue(new ConnectorPost(Uri.UnescapeDataString(conversationId), context.Request.Path.Value ?? string.Empty, status, body, DateTimeOffset.UtcNow));
        return (status, body);
    }
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FutureOfCustoms.Testing;

/// <summary>A call the bot made to the connector, as received: what it asked and what it was answered (0: never answered).</summary>
public sealed record ConnectorPost(string ConversationId, string Path, int Status, string Body, DateTimeOffset ReceivedAt)
{
    public bool Delivered => Status is StatusCodes.Status200OK or StatusCodes.Status201Created;
}

/// <summary>Which calls a scripted fault applies to.</summary>
[Flags]
public enum ConnectorCalls
{
    /// <summary>New posts (and replies).</summary>
    Posts = 1,

    /// <summary>Edits of a posted message (card updates).</summary>
    Edits = 2,

    Messages = Posts | Edits,

    /// <summary>Roster reads (pagedmembers).</summary>
    Roster = 4,

    /// <summary>Opening a 1:1 chat (POST /v3/conversations).</summary>
    NewChats = 8,

    All = Messages | Roster | NewChats,
}

/// <summary>
/// A local stand-in for the Bot Connector (the serviceUrl of a conversation reference), on 127.0.0.1: accepts
/// new posts and edits, opens 1:1 chats, records every call, and answers the roster with <see cref="Members"/>.
/// Faults are scripted: the first calls get the statuses given to <see cref="StartAsync"/>, and
/// <see cref="Fail"/>, <see cref="FailForever"/>, <see cref="TimeOut"/> add more (the first matching script
/// answers); every fault comes with <see cref="RetryAfter"/>. Calls no script matches succeed.
/// </summary>
public sealed class FakeBotConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<Script> _scripts = [];
    private int _posts;

    private FakeBotConnector(WebApplication app, IEnumerable<HttpStatusCode> faults)
    {
        _app = app;
        foreach (var fault in faults)
        {
            Fail(fault);
        }
    }

    public ConcurrentQueue<ConnectorPost> Posts { get; } = new();

    public Uri Url => new(_app.Urls.First() + "/");

    /// <summary>The Retry-After header sent with every fault; null sends none.</summary>
    public string? RetryAfter { get; set; } = "1";

    /// <summary>The clock <see cref="ConnectorPost.ReceivedAt"/> is read on: a test's fake clock shows the bot's waits.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Roles in meetings by (meeting id, participant's Entra object id): "Organizer", "Presenter"...</summary>
    public ConcurrentDictionary<(string MeetingId, string ParticipantId), string> MeetingRoles { get; } = new();

    /// <summary>The roster of every conversation: (id, name, aadObjectId).</summary>
    public ConcurrentQueue<(string Id, string Name, string AadObjectId)> Members { get; } = new();

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
            var status = await connector.AnswerAsync(id, ConnectorCalls.Posts, context, StatusCodes.Status201Created);
            return status == StatusCodes.Status201Created
                ? Results.Json(new { id = "message-" + Interlocked.Increment(ref connector._posts).ToString(CultureInfo.InvariantCulture) }, statusCode: status)
                : Results.StatusCode(status);
        });
        app.MapPut("/v3/conversations/{id}/activities/{activityId}", async (string id, string activityId, HttpContext context) =>
        {
            var status = await connector.AnswerAsync(id, ConnectorCalls.Edits, context, StatusCodes.Status200OK);
            return status == StatusCodes.Status200OK ? Results.Json(new { id = activityId }) : Results.StatusCode(status);
        });
        app.MapPost("/v3/conversations", async (HttpContext context) =>
        {
            var status = await connector.AnswerAsync("(new chat)", ConnectorCalls.NewChats, context, StatusCodes.Status201Created);
            return status == StatusCodes.Status201Created
                ? Results.Json(new { id = "a:chat-" + Interlocked.Increment(ref connector._posts).ToString(CultureInfo.InvariantCulture) }, statusCode: status)
                : Results.StatusCode(status);
        });

        // The polls read the channel's roster for "n of N members"; an empty team keeps the counts to the ballots.
        app.MapGet("/v3/conversations/{id}/pagedmembers", async (string id, HttpContext context) =>
        {
            var status = await connector.AnswerAsync(id, ConnectorCalls.Roster, context, StatusCodes.Status200OK);
            return status == StatusCodes.Status200OK
                ? Results.Json(new { members = connector.Members.Select(m => new { id = m.Id, name = m.Name, aadObjectId = m.AadObjectId }).ToArray() })
                : Results.StatusCode(status);
        });
        // A meeting participant's role (Teams' meeting API), from MeetingRoles; anyone else is an attendee.
        app.MapGet("/v1/meetings/{meetingId}/participants/{participantId}", (string meetingId, string participantId) => Results.Json(new
        {
            user = new { id = participantId, aadObjectId = participantId },
            meeting = new { role = connector.MeetingRoles.GetValueOrDefault((meetingId, participantId), "Attendee"), inMeeting = true },
            conversation = new { id = meetingId },
        }));
        await app.StartAsync();
        return connector;
    }

    /// <summary>The next <paramref name="times"/> matching calls get <paramref name="status"/>.</summary>
    public void Fail(HttpStatusCode status, int times = 1, string? conversationId = null, ConnectorCalls calls = ConnectorCalls.Messages)
        => Add(new Script(calls, conversationId, (int)status, times));

    /// <summary>Every later matching call gets <paramref name="status"/>, until <see cref="Heal"/>.</summary>
    public void FailForever(HttpStatusCode status, string? conversationId = null, ConnectorCalls calls = ConnectorCalls.Messages)
        => Fail(status, int.MaxValue, conversationId, calls);

    /// <summary>The next <paramref name="times"/> matching calls are never answered: the caller's timeout ends them.</summary>
    public void TimeOut(int times = 1, string? conversationId = null, ConnectorCalls calls = ConnectorCalls.Messages)
        => Add(new Script(calls, conversationId, Status: null, times));

    /// <summary>Drops every script: from now on every call succeeds.</summary>
    public void Heal()
    {
        lock (_scripts)
        {
            _scripts.Clear();
        }
    }

    public IReadOnlyList<ConnectorPost> PostsContaining(string text)
        => [.. Posts.Where(p => p.Body.Contains(text, StringComparison.Ordinal))];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Add(Script script)
    {
        lock (_scripts)
        {
            _scripts.Add(script);
        }
    }

    /// <summary>The answer to one call: the first script that matches it and has calls left, else success.</summary>
    private int? Take(string conversationId, ConnectorCalls call, int success)
    {
        lock (_scripts)
        {
            var script = _scripts.FirstOrDefault(s => s.Remaining > 0 && s.Calls.HasFlag(call) && (s.ConversationId is null || s.ConversationId == conversationId));
            if (script is null)
            {
                return success;
            }

            if (script.Remaining != int.MaxValue)
            {
                script.Remaining--;
            }

            return script.Status;
        }
    }

    private async Task<int> AnswerAsync(string conversationId, ConnectorCalls call, HttpContext context, int success)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var id = Uri.UnescapeDataString(conversationId);
        var status = Take(id, call, success);
        Posts.Enqueue(new ConnectorPost(id, context.Request.Path.Value ?? string.Empty, status ?? 0, body, Clock.GetUtcNow()));
        if (status is null)
        {
            // Held until the caller gives up and closes the connection, or the connector stops.
            using var held = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _app.Lifetime.ApplicationStopping);
            await Task.Delay(Timeout.Infinite, held.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            return StatusCodes.Status504GatewayTimeout;
        }

        if (status != success && RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        return status.Value;
    }

    /// <summary>A scripted answer (null status: none) for the next <see cref="Remaining"/> matching calls; int.MaxValue is forever.</summary>
    private sealed record Script(ConnectorCalls Calls, string? ConversationId, int? Status, int Times)
    {
        public int Remaining { get; set; } = Times;
    }
}

using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace FutureOfCustoms.EndToEnd.Tests.Infrastructure;

/// <summary>One createMessage/updateMessage the bot sent, as the Playground pushed it to its UI.</summary>
/// <param name="Position">Index in the stream, to wait only for what came after a given send.</param>
internal sealed record BotMessage(int Position, string Action, string ConversationId, JsonObject Message)
{
    public string? Text => (string?)Message["text"];

    public string? MessageId => (string?)Message["messageId"];

    public JsonArray Attachments => Message["attachments"] as JsonArray ?? [];

    /// <summary>The cards' JSON, for checks on what they say.</summary>
    public string CardJson => string.Join("\n", Attachments.Select(a => a?["content"]?.ToJsonString() ?? string.Empty));

    public override string ToString() => $"#{Position} {Action} in {ConversationId}: {Message.ToJsonString()}";
}

// The Playground buffers what the bot sends while no UI is connected and replays it on connection, so the
// stream is opened as soon as the Playground is up and kept for its whole life.
internal sealed class ConversationStream : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<BotMessage> _messages = [];
    private readonly Lock _lock = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _receiving = Task.CompletedTask;
    private Exception? _failure;

    public int Position
    {
        get
        {
            lock (_lock)
            {
                return _messages.Count;
            }
        }
    }

    public IReadOnlyList<BotMessage> Snapshot()
    {
        lock (_lock)
        {
            return [.. _messages];
        }
    }

    public async Task ConnectAsync(Uri playground, CancellationToken cancellationToken)
    {
        var uri = new UriBuilder(playground) { Scheme = "ws", Path = "/_ws_conversation/v1/conversations/stream" }.Uri;
        await _socket.ConnectAsync(uri, cancellationToken);
        _receiving = Task.Run(ReceiveAsync, CancellationToken.None);
    }

    public async Task<BotMessage> WaitForMessageAsync(Func<BotMessage, bool> predicate, TimeSpan timeout, int after = 0, string? description = null)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                var match = _messages.Skip(after).FirstOrDefault(predicate);
                if (match is not null)
                {
                    return match;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException(DescribeTimeout(timeout, after, description));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _receiving.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException or WebSocketException)
        {
            // The Playground may already be gone; the socket is closed either way.
        }

        _socket.Dispose();
        _stop.Dispose();
    }

    private string DescribeTimeout(TimeSpan timeout, int after, string? description)
    {
        var received = Snapshot();
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"No bot message {description ?? "matching the predicate"} within {timeout.TotalSeconds:0.#} s ")
            .Append(CultureInfo.InvariantCulture, $"(looking from position {after}; {received.Count} received in total")
            .Append(_failure is null ? ")." : $"; the stream failed: {_failure.Message}).");
        foreach (var message in received.Skip(Math.Max(0, received.Count - 20)))
        {
            text.AppendLine().Append("  ").Append(message);
        }

        return text.ToString();
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[16 * 1024];
        using var frame = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                frame.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    Record(Encoding.UTF8.GetString(frame.GetBuffer(), 0, (int)frame.Length));
                    frame.SetLength(0);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e) when (e is WebSocketException or System.Text.Json.JsonException)
        {
            _failure = e;
            Signal();
        }
    }

    private void Record(string json)
    {
        // Typing indicators and the UI's log entries share the socket; only messages are recorded.
        if (JsonNode.Parse(json) is not JsonObject frame
            || (string?)frame["action"] is not { } action
            || action is not ("createMessage" or "updateMessage")
            || frame["message"] is not JsonObject message)
        {
            return;
        }

        lock (_lock)
        {
            _messages.Add(new BotMessage(_messages.Count, action, (string?)frame["actionConversationId"] ?? string.Empty, message));
        }

        Signal();
    }

    private void Signal()
    {
        TaskCompletionSource previous;
        lock (_lock)
        {
            previous = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        previous.TrySetResult();
    }
}

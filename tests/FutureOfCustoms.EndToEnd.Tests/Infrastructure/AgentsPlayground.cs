using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace FutureOfCustoms.EndToEnd.Tests.Infrastructure;

/// <summary>Where a message went: the conversation the bot's replies will appear in, and the stream
/// position before it was sent, so waits ignore earlier traffic.</summary>
internal sealed record SentMessage(string ConversationId, string MessageId, int StreamPosition);

// Microsoft's Teams emulator (Microsoft 365 Agents Playground) driven through the HTTP API its own UI uses,
// with the bot's output read from the WebSocket that feeds that UI.
internal sealed class AgentsPlayground : IAsyncDisposable
{
    public static readonly TimeSpan DefaultReplyTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;
    private readonly ChildProcess _process;

    private AgentsPlayground(int port, string workingDirectory, ChildProcess process)
    {
        Port = port;
        WorkingDirectory = workingDirectory;
        _process = process;
        _http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(30) };
    }

    public int Port { get; }

    public Uri BaseUri => new($"http://127.0.0.1:{Port}/");

    public string WorkingDirectory { get; }

    public ConversationStream Stream { get; } = new();

    /// <summary>`/_internal/v1/testConfig` as read at start: ids of the bot, users, chats and team.</summary>
    public JsonNode TestConfig { get; private set; } = new JsonObject();

    public static async Task<AgentsPlayground> StartAsync(Uri appEndpoint, CancellationToken cancellationToken = default)
    {
        ToolPaths.Require(RequiredTool.Node, RequiredTool.NodeModules);
        var port = FreePort.Pick();
        var workingDirectory = Directory.CreateDirectory(Path.Combine(ToolPaths.Artifacts, $"playground-{port}")).FullName;
        await File.WriteAllTextAsync(Path.Combine(workingDirectory, ".m365agentsplayground.yml"), PlaygroundUsers.ToYaml(), cancellationToken);
        string[] arguments =
        [
            ToolPaths.PlaygroundCli, "start",
            "--app-endpoint", appEndpoint.ToString(),
            "--channel-id", "msteams",
            "--conversation-id", PlaygroundUsers.PersonalChatId,
            "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--service-url", $"http://127.0.0.1:{port}/_connector",
            "--disable-telemetry",
        ];
        return await LaunchAsync(ToolPaths.Node!, arguments, port, workingDirectory, PlaygroundUsers.BotId, cancellationToken);
    }

    /// <summary>A command line as a person would type it (the README's), in a working directory holding the
    /// <c>.m365agentsplayground.yml</c> that names the bot <paramref name="botId"/>.</summary>
    public static Task<AgentsPlayground> StartCommandAsync(string fileName, IReadOnlyList<string> arguments, int port, string workingDirectory, string botId, CancellationToken cancellationToken = default)
    {
        ToolPaths.Require(RequiredTool.Node, RequiredTool.NodeModules);
        return LaunchAsync(fileName, arguments, port, workingDirectory, botId, cancellationToken);
    }

    private static async Task<AgentsPlayground> LaunchAsync(string fileName, IReadOnlyList<string> arguments, int port, string workingDirectory, string botId, CancellationToken cancellationToken)
    {
        // It silently moves to a random port when its port is taken, and then nothing below would reach it.
        if (!FreePort.IsFree(port))
        {
            throw new InvalidOperationException($"Port {port} was taken before the Playground could start.");
        }

        var process = ChildProcess.Start(
            $"playground-{port}",
            fileName,
            arguments,
            workingDirectory,
            new Dictionary<string, string?>
            {
                // Both are needed to keep it off the network: no browser, no Application Insights statsbeat.
                ["TEAMSAPPTESTER_BROWSER"] = "none",
                ["APPLICATION_INSIGHTS_NO_STATSBEAT"] = "true",
                ["M365_AGENTS_PLAYGROUND_LOGFILE"] = Path.Combine(workingDirectory, "playground.log"),
                ["M365_AGENTS_PLAYGROUND_CONFIG_PATH"] = null,
                ["TEAMS_APP_TEST_TOOL_CONFIG_PATH"] = null,
            });
        var playground = new AgentsPlayground(port, workingDirectory, process);
        try
        {
            await playground.WaitUntilReadyAsync(botId, cancellationToken);
            return playground;
        }
        catch
        {
            await playground.DisposeAsync();
            throw;
        }
    }

    /// <summary>A 1:1 message. The Playground has one personal chat, owned by the moderator (its current
    /// user); other users' messages arrive in it with their own `from`, which is what the bot keys on.</summary>
    public Task<SentMessage> SendPersonalMessageAsync(string text, PlaygroundUser? user = null, CancellationToken cancellationToken = default) =>
        SendAsync(PlaygroundUsers.PersonalChatId, text, mentionBot: false, user ?? PlaygroundUsers.Moderator, cancellationToken);

    /// <summary>A channel post mentioning the bot. Without <paramref name="threadId"/> the moderator starts a new
    /// thread (the returned conversation id is the thread's); other users post into the channel itself.</summary>
    public Task<SentMessage> SendChannelMessageAsync(string text, PlaygroundUser? user = null, string? threadId = null, CancellationToken cancellationToken = default) =>
        SendAsync(threadId ?? PlaygroundUsers.TeamId, text, mentionBot: true, user ?? PlaygroundUsers.Moderator, cancellationToken);

    public Task<SentMessage> SendGroupChatMessageAsync(string text, PlaygroundUser? user = null, CancellationToken cancellationToken = default) =>
        SendAsync(PlaygroundUsers.GroupChatId, text, mentionBot: true, user ?? PlaygroundUsers.Moderator, cancellationToken);

    /// <summary>Action.Submit on a card the bot sent (<paramref name="cardMessageId"/>).</summary>
    public async Task SubmitAsync(string conversationId, string cardMessageId, JsonObject value, PlaygroundUser? user = null, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject
        {
            ["conversation"] = new JsonObject { ["id"] = conversationId },
            ["from"] = From(user ?? PlaygroundUsers.Moderator),
            ["replyToId"] = cardMessageId,
            ["value"] = value,
        };
        await PostAsync("_conversation/v1/submit", body, cancellationToken);
    }

    /// <summary>Action.Execute (adaptiveCard/action); returns the bot's invoke response.</summary>
    public async Task<JsonNode?> InvokeAsync(string conversationId, string cardMessageId, string verb, JsonObject? data = null, PlaygroundUser? user = null, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject
        {
            ["name"] = "adaptiveCard/action",
            ["conversation"] = new JsonObject { ["id"] = conversationId },
            ["from"] = From(user ?? PlaygroundUsers.Moderator),
            ["replyToId"] = cardMessageId,
            ["value"] = new JsonObject
            {
                ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data ?? [] },
                ["trigger"] = "manual",
            },
        };
        return await PostAsync("_conversation/v1/invoke", body, cancellationToken);
    }

    /// <summary>
    /// A message extension action (composeExtension/fetchTask opens its dialog, composeExtension/submitAction is a
    /// button in it); returns the bot's answer, whose <c>task</c> is the dialog's next step.
    /// </summary>
    public async Task<JsonNode?> MessageExtensionActionAsync(string conversationId, string name, string commandId, JsonObject? data = null, PlaygroundUser? user = null, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject
        {
            ["name"] = name,
            ["conversation"] = new JsonObject { ["id"] = conversationId },
            ["from"] = From(user ?? PlaygroundUsers.Moderator),
            ["value"] = new JsonObject { ["commandId"] = commandId, ["commandContext"] = "compose", ["data"] = data ?? [] },
        };
        return await PostAsync("_conversation/v1/invoke", body, cancellationToken);
    }

    /// <summary>The app is installed in a conversation (personal, group chat or team id).</summary>
    public async Task<int> InstallAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        var position = Stream.Position;
        await PostAsync($"_debug/conversation/{Uri.EscapeDataString(conversationId)}/installation", new JsonObject(), cancellationToken);
        return position;
    }

    /// <summary>The Playground's own template for an activity type (install, uninstall, botAdded, userAdded,
    /// botRemoved, userRemoved, channelCreated, ...; null: a blank activity) in a conversation.</summary>
    public async Task<JsonObject> GetActivityTemplateAsync(string conversationId, string? type = null, CancellationToken cancellationToken = default)
    {
        var query = $"_internal/v1/customActivities/template?conversationId={Uri.EscapeDataString(conversationId)}"
            + (type is null ? string.Empty : $"&type={Uri.EscapeDataString(type)}");
        return await _http.GetFromJsonAsync<JsonObject>(new Uri(query, UriKind.Relative), cancellationToken)
            ?? throw new InvalidOperationException($"No template for {type} in {conversationId}.");
    }

    /// <summary>Sends any activity to the bot, from any user. Returns the stream position before sending.</summary>
    public async Task<int> SendCustomActivityAsync(JsonObject activity, CancellationToken cancellationToken = default)
    {
        var position = Stream.Position;
        await PostAsync("_internal/v1/customActivities", activity, cancellationToken);
        return position;
    }

    /// <summary>Waits for the bot to send (or update) a message in the conversation a message was sent to.</summary>
    public Task<BotMessage> WaitForReplyAsync(SentMessage sent, Func<BotMessage, bool>? predicate = null, TimeSpan? timeout = null) =>
        Stream.WaitForMessageAsync(
            m => m.ConversationId == sent.ConversationId && (predicate?.Invoke(m) ?? true),
            timeout ?? DefaultReplyTimeout,
            sent.StreamPosition,
            $"in {sent.ConversationId} after message {sent.MessageId}");

    public string Describe() => _process.Describe();

    public async ValueTask DisposeAsync()
    {
        await Stream.DisposeAsync();
        await _process.StopAsync(TimeSpan.FromSeconds(5));
        _process.Dispose();
        _http.Dispose();
    }

    private static JsonObject From(PlaygroundUser user) =>
        new() { ["id"] = user.Id, ["name"] = user.Name, ["aadObjectId"] = user.AadObjectId };

    private async Task<SentMessage> SendAsync(string conversationId, string text, bool mentionBot, PlaygroundUser user, CancellationToken cancellationToken)
    {
        var position = Stream.Position;
        var mention = $"<at>{PlaygroundUsers.BotName}</at>";
        var fullText = mentionBot ? $"{mention} {text}" : text;
        var mentioned = new JsonObject { ["id"] = PlaygroundUsers.BotId, ["name"] = PlaygroundUsers.BotName };

        if (user == PlaygroundUsers.Moderator)
        {
            return await SendAsCurrentUserAsync(conversationId, user.Id, fullText, mentionBot ? mentioned : null, cancellationToken);
        }

        var activity = await GetActivityTemplateAsync(conversationId, cancellationToken: cancellationToken);
        var id = Guid.NewGuid().ToString();
        activity["type"] = "message";
        activity["id"] = id;
        activity["text"] = fullText;
        activity["textFormat"] = "plain";
        activity["from"] = From(user);
        activity["locale"] = "en-US";
        if (mentionBot)
        {
            activity["entities"] = new JsonArray(new JsonObject { ["type"] = "mention", ["mentioned"] = mentioned, ["text"] = mention });
        }

        await PostAsync("_internal/v1/customActivities", activity, cancellationToken);
        return new SentMessage(conversationId, id, position);
    }

    /// <summary>What typing in the Playground's chat box does: the message comes from its current user
    /// (<paramref name="userId"/>, as its config file names them), and in a channel it starts a thread.</summary>
    public async Task<SentMessage> SendAsCurrentUserAsync(string conversationId, string userId, string text, JsonObject? mentionedBot = null, CancellationToken cancellationToken = default)
    {
        var position = Stream.Position;
        var body = new JsonObject { ["from"] = new JsonObject { ["id"] = userId }, ["text"] = text, ["textFormat"] = "plain" };
        if (mentionedBot is not null)
        {
            body["mentions"] = new JsonArray(new JsonObject { ["mentioned"] = mentionedBot, ["text"] = $"<at>{(string?)mentionedBot["name"]}</at>" });
        }

        var response = await PostAsync($"_conversation/v1/conversations/{Uri.EscapeDataString(conversationId)}/messages", body, cancellationToken)
            ?? throw new InvalidOperationException("The Playground answered a message with no body.");
        return new SentMessage((string?)response["postConversationId"] ?? conversationId, (string)response["messageId"]!, position);
    }

    private async Task<JsonNode?> PostAsync(string path, JsonNode body, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, cancellationToken);
        var content = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"POST {path} answered {(int)response.StatusCode}: {content}{Environment.NewLine}{Describe()}");
        }

        return string.IsNullOrWhiteSpace(content) ? null : JsonNode.Parse(content);
    }

    private async Task WaitUntilReadyAsync(string expectedBotId, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The Playground exited during start-up. {Describe()}");
            }

            try
            {
                if (await _http.GetStringAsync(new Uri("_debug/ping", UriKind.Relative), timeout.Token) == "pong")
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"The Playground did not answer /_debug/ping within {StartTimeout.TotalSeconds:0} s. {Describe()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), timeout.Token);
        }

        // `Listening on` and the ping come before the config file is read: a bad file kills it just after.
        TestConfig = await _http.GetFromJsonAsync<JsonNode>(new Uri("_internal/v1/testConfig", UriKind.Relative), timeout.Token)
            ?? throw new InvalidOperationException("The Playground answered testConfig with null.");
        var botId = (string?)TestConfig["config"]?["bot"]?["id"];
        if (_process.HasExited || botId != expectedBotId)
        {
            throw new InvalidOperationException($"The Playground did not load {WorkingDirectory}/.m365agentsplayground.yml (bot id {botId}). {Describe()}");
        }

        await Stream.ConnectAsync(BaseUri, timeout.Token);
    }
}

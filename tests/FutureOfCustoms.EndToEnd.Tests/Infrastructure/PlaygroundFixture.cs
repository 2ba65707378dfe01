namespace FutureOfCustoms.EndToEnd.Tests.Infrastructure;

// One bot and one Playground per collection: starting them costs seconds of the two shared CPU cores.
public class PlaygroundFixture : IAsyncLifetime
{
    private BotProcess? _bot;
    private AgentsPlayground? _playground;

    internal BotProcess Bot => _bot ?? throw new InvalidOperationException("The bot did not start; see the collection's first failure.");

    internal AgentsPlayground Playground => _playground ?? throw new InvalidOperationException("The Playground did not start; see the collection's first failure.");

    public async Task InitializeAsync()
    {
        ToolPaths.Require(RequiredTool.Node, RequiredTool.NodeModules);
        var settings = new Dictionary<string, string?>(BotSettings)
        {
            ["Bot__Moderators__0"] = PlaygroundUsers.Moderator.AadObjectId,
        };
        _bot = await BotProcess.StartAsync(settings);
        _playground = await AgentsPlayground.StartAsync(_bot.MessagesEndpoint);
    }

    /// <summary>Settings a collection's bot needs beyond the moderator (environment-variable names).</summary>
    protected virtual IReadOnlyDictionary<string, string?> BotSettings { get; } = new Dictionary<string, string?>();

    public async Task DisposeAsync()
    {
        if (_playground is not null)
        {
            await _playground.DisposeAsync();
        }

        if (_bot is not null)
        {
            await _bot.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PlaygroundCollectionDefinition : ICollectionFixture<PlaygroundFixture>
{
    public const string Name = "Bot with Agents Playground";
}

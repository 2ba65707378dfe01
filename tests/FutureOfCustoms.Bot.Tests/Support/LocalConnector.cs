namespace FutureOfCustoms.Bot.Tests.Support;

/// <summary>
/// The service URL every test activity carries: one fake Bot Connector on 127.0.0.1 for the whole test run,
/// so whatever a turn sends through the connector (card updates, proactive notices, rosters) stays on this
/// machine and is answered at once. Tests that need to see or fail those calls start their own.
/// </summary>
internal static class LocalConnector
{
    private static readonly Lazy<FakeBotConnector> Connector = new(() => FakeBotConnector.StartAsync().GetAwaiter().GetResult());

    public static string ServiceUrl => Connector.Value.Url.ToString();
}

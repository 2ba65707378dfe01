using System.Net;
using System.Text;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Knowledge.Catalogue;
using FutureOfCustoms.Bot.Tests.Support;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;

namespace FutureOfCustoms.Bot.Tests.Graph;

/// <summary>The outcome of indexing a shared file, posted in the background through the real Teams messenger against scripted faults.</summary>
public sealed class SharedFileIndexerFaultTests : IAsyncDisposable
{
    private const string Channel = TestBot.ChannelConversationId;
    private const string SharingLink = "https://contoso.sharepoint.com/:t:/s/vwg-fc/EaXyZ_paper?e=AbC123";

    private readonly FakeGraph _graph = FakeGraph.Start();

    public SharedFileIndexerFaultTests()
    {
        _graph.SharedFiles[SharingLink] = ("quokka-paper.txt", Encoding.UTF8.GetBytes("Quokka corridors\n\nThe quokka corridor pilot lets trusted traders clear goods in advance at inland hubs.\n"));
    }

    public ValueTask DisposeAsync() => _graph.DisposeAsync();

    [Fact]
    public async Task An_indexing_outcome_answered_429_is_posted_once()
    {
        await using var teams = await StartAsync();
        teams.Connector.Fail(HttpStatusCode.TooManyRequests);

        await IndexAsync(teams);
        await teams.RunAsync(() => Storage.QueuedWork.DrainAsync(teams.Bot.Services));
        await teams.UntilAsync(() => teams.DeliveredTo(Channel) == 1);

        var calls = teams.CallsTo(Channel);
        Assert.Equal([429, 201], calls.Select(c => c.Status));
        Assert.Contains("quokka-paper.txt", calls[^1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_indexing_outcome_Teams_never_answers_is_logged_and_the_file_stays_indexed()
    {
        await using var teams = await StartAsync(FaultyTeams.ShortTimeout, maxAttempts: 2);
        await teams.WarmUpAsync();
        teams.Connector.TimeOut(int.MaxValue);

        await IndexAsync(teams);
        await teams.RunAsync(() => Storage.QueuedWork.DrainAsync(teams.Bot.Services));
        await teams.UntilAsync(() => teams.Logs.Contains(LogLevel.Warning, "could not tell conversation"));

        // A new message without an answer may have been posted: it is not sent a second time.
        Assert.Single(teams.CallsTo(Channel));
        Assert.Equal(0, teams.DeliveredTo(Channel));
        var added = await teams.Bot.Get<AddedDocumentLog>().ListAsync(teams.Time.GetUtcNow().AddDays(-1), teams.Time.GetUtcNow().AddDays(1), CancellationToken.None);
        Assert.Equal("quokka-paper.txt", Assert.Single(added).FileName);
    }

    private Task<FaultyTeams> StartAsync(TimeSpan? timeout = null, int maxAttempts = FaultyTeams.MaxAttempts)
    {
        var settings = _graph.Settings;
        settings["Connector:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return FaultyTeams.StartInTeamAsync(timeout, settings, configure: FakeGraph.UseStubCredential);
    }

    private static Task<IReadOnlyList<Activity>> IndexAsync(FaultyTeams teams)
        => teams.RunAsync(() => teams.Bot.SendTextAsync("index " + SharingLink, TestBot.ModeratorAadId, ConversationKind.Channel));
}

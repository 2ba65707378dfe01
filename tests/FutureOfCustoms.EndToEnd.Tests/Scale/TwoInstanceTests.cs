using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FutureOfCustoms.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace FutureOfCustoms.EndToEnd.Tests.Scale;

/// <summary>
/// Two bot processes on two ports against one Azurite, as two App Service instances behind a load balancer:
/// Azure Tables and blobs, the same moderators, each its own embedded search index, and a digest every 20 seconds
/// so both background services race for each period. The bot is added to the team when the fixture starts,
/// which starts the digest clock while the other tests run.
/// </summary>
public sealed class TwoInstanceFixture : IAsyncLifetime
{
    /// <summary>Short periods (cron with seconds) so three of them pass in about a minute of the run.</summary>
    internal const int DigestPeriodSeconds = 20;

    public const string ModeratorAadId = "00000000-0000-0000-0000-00000000a0a0";

    private readonly Azurite _azurite = new();
    private FakeBotConnector? _connector;
    private BotProcess? _a;
    private BotProcess? _b;
    private TeamsActivityClient? _clientA;
    private TeamsActivityClient? _clientB;

    internal FakeBotConnector Connector => _connector ?? throw NotStarted();

    internal BotProcess BotA => _a ?? throw NotStarted();

    internal BotProcess BotB => _b ?? throw NotStarted();

    internal TeamsActivityClient A => _clientA ?? throw NotStarted();

    internal TeamsActivityClient B => _clientB ?? throw NotStarted();

    /// <summary>When the bot was added to the team: digest periods count from here.</summary>
    internal DateTimeOffset AddedAt { get; private set; }

    public async Task InitializeAsync()
    {
        if (ToolPaths.SkipUnlessCi([RequiredTool.Node, RequiredTool.NodeModules]) is not null)
        {
            return;
        }

        try
        {
            await _azurite.InitializeAsync();
            _connector = await FakeBotConnector.StartAsync();
            var settings = new Dictionary<string, string?>
            {
                ["Storage__Provider"] = "AzureTables",
                ["Storage__AzureTables__ConnectionString"] = _azurite.ConnectionString,
                ["Storage__AzureBlobs__ConnectionString"] = _azurite.ConnectionString,
                ["Bot__Moderators__0"] = ModeratorAadId,
                ["Digest__Schedule"] = $"*/{DigestPeriodSeconds} * * * * *",
                ["Polls__CloseCheckInterval"] = "00:00:02",
            };

            // Started one after the other: two cold starts at once on a shared two-core machine only slow both.
            _a = await BotProcess.StartAsync(settings);
            _b = await BotProcess.StartAsync(settings);
            _clientA = new TeamsActivityClient(_a.MessagesEndpoint, _connector.Url);
            _clientB = new TeamsActivityClient(_b.MessagesEndpoint, _connector.Url);

            AddedAt = DateTimeOffset.UtcNow;
            await _clientA.AddBotToTeamAsync(ModeratorAadId);
        }
        catch
        {
            // xUnit does not dispose a fixture whose start failed: the processes must not outlive it.
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var bot in new[] { _a, _b })
        {
            if (bot is not null)
            {
                await bot.DisposeAsync();
            }
        }

        if (_connector is not null)
        {
            await _connector.DisposeAsync();
        }

        await _azurite.DisposeAsync();
    }

    private static InvalidOperationException NotStarted() => new("The two instances did not start; see the collection's first failure.");
}

[CollectionDefinition(Name)]
public sealed class TwoInstanceCollectionDefinition : ICollectionFixture<TwoInstanceFixture>
{
    public const string Name = "Two bot instances on one Azurite";
}

[Collection(TwoInstanceCollectionDefinition.Name)]
public sealed partial class TwoInstanceTests(TwoInstanceFixture fixture, ITestOutputHelper output)
{
    private const int Voters = 100;
    private const string DigestTitle = "Digest of the Future of Customs group";
    private const string ResultsTitle = "Poll results:";
    // Three whole periods after the first partial one, with room for a slow start.
    private static readonly TimeSpan DigestWait = TimeSpan.FromSeconds((4 * TwoInstanceFixture.DigestPeriodSeconds) + 30);

    [E2EFact(RequiredTool.Node, RequiredTool.NodeModules)]
    public async Task Votes_sent_to_both_instances_are_all_counted_and_a_changed_vote_stays_one_ballot()
    {
        var pollId = await LaunchPollAsync(fixture.A, fixture.B, "Which topic first?", closesAt: null);
        var members = Enumerable.Range(0, Voters).Select(i => $"00000000-0000-0000-0001-{i:D12}").ToList();

        // Member i votes for option (i mod 3) + 1 on instance A when i is even, B when odd: 34, 33, 33.
        await Task.WhenAll(members.Select((member, i) => Task.Run(() => (i % 2 == 0 ? fixture.A : fixture.B)
            .ExecuteAsync("poll.vote", Vote(pollId, (i % 3) + 1), member))));

        // Member 0 voted for option 1 on A; the change goes to B.
        var changed = await fixture.B.ExecuteAsync("poll.vote", Vote(pollId, 3), members[0]);
        var seenOnA = await fixture.A.ExecuteAsync("poll.refresh", new JsonObject { ["pollId"] = pollId }, ModeratorAadId);
        var seenOnB = await fixture.B.ExecuteAsync("poll.refresh", new JsonObject { ["pollId"] = pollId }, ModeratorAadId);

        Assert.Contains("You voted: Green customs", Texts(changed), StringComparison.Ordinal);
        foreach (var card in new[] { Texts(seenOnA), Texts(seenOnB) })
        {
            Assert.True(card.Contains($"{Voters} members have voted", StringComparison.Ordinal), card);
            Assert.Equal([33, 33, 34], OptionCounts(card));
        }
    }

    [E2EFact(RequiredTool.Node, RequiredTool.NodeModules)]
    public async Task A_poll_closing_at_its_time_is_closed_once_by_the_two_instances()
    {
        // Whole seconds, as the card's closing time is read: the poll may rightly close up to a second before an untruncated time.
        var soon = DateTimeOffset.UtcNow.AddSeconds(12);
        var closesAt = soon.AddTicks(-(soon.Ticks % TimeSpan.TicksPerSecond));
        var pollId = await LaunchPollAsync(fixture.B, fixture.A, "Which paper next?", closesAt);
        await fixture.A.ExecuteAsync("poll.vote", Vote(pollId, 2), "00000000-0000-0000-0002-000000000001");

        var results = await WaitForAsync(() => fixture.Connector.PostsContaining($"{ResultsTitle} Which paper next?"), posts => posts.Count > 0, closesAt.AddSeconds(30) - DateTimeOffset.UtcNow, "the results of the poll closing at its time");

        // Both closing services tick every 2 s: two more ticks of each would have posted a duplicate.
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Single(fixture.Connector.PostsContaining($"{ResultsTitle} Which paper next?"));
        Assert.True(results[0].ReceivedAt >= closesAt, $"results posted at {results[0].ReceivedAt:O}, before the closing time {closesAt:O}");
        var closedVote = await fixture.B.ExecuteAsync("poll.vote", Vote(pollId, 1), "00000000-0000-0000-0002-000000000002");
        Assert.Contains("This poll is closed", closedVote, StringComparison.Ordinal);
    }

    [E2EFact(RequiredTool.Node, RequiredTool.NodeModules)]
    public async Task A_suggestion_made_on_one_instance_is_listed_by_the_other_and_numbers_stay_unique()
    {
        const string member = "00000000-0000-0000-0003-000000000001";
        var form = await fixture.A.TextAsync("suggest", member);
        var cardId = CardIdPattern().Match(form).Groups[1].Value;
        Assert.Equal(32, cardId.Length);

        var first = SavedNumber(await fixture.A.ExecuteAsync("suggestions.submit", Suggestion(cardId, "Drones at land borders"), member, inChannel: false));
        var listedOnB = await fixture.B.TextAsync("suggestions", "00000000-0000-0000-0003-000000000002");

        Assert.Contains($"#{first} Drones at land borders", Texts(listedOnB), StringComparison.Ordinal);

        // Twelve members submit at the same moment, half through each instance.
        var numbers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
        {
            var author = $"00000000-0000-0000-0004-{i:D12}";
            var client = i % 2 == 0 ? fixture.A : fixture.B;
            return SavedNumber(await client.ExecuteAsync("suggestions.submit", Suggestion(NewCardId(), $"Concurrent topic {i}"), author, inChannel: false));
        })));

        Assert.Equal(Enumerable.Range(first + 1, 12), numbers.Order());
        Assert.Contains($"{first + 12} suggestions", Texts(await fixture.A.TextAsync("suggestions", member)), StringComparison.Ordinal);
    }

    [E2EFact(RequiredTool.Node, RequiredTool.NodeModules)]
    public async Task Each_digest_period_is_posted_once_across_the_two_instances()
    {
        // The first period runs from when the bot was added to the next scheduled moment; two more follow.
        var digests = await WaitForAsync(
            () => fixture.Connector.PostsContaining(DigestTitle),
            posts => posts.Select(Period).Distinct().Count() >= 3,
            fixture.AddedAt + DigestWait - DateTimeOffset.UtcNow,
            "digests for three periods");

        // Both instances woke at the same scheduled moment; a losing claim would post within a second or two.
        await Task.Delay(TimeSpan.FromSeconds(5));
        digests = fixture.Connector.PostsContaining(DigestTitle);
        foreach (var post in digests)
        {
            output.WriteLine($"digest received {post.ReceivedAt:HH:mm:ss.fff} in {post.ConversationId}");
        }

        Assert.All(digests, p => Assert.Equal(TeamsActivityClient.ChannelId, p.ConversationId));
        Assert.All(digests.GroupBy(Period), period => Assert.Single(period));
    }

    /// <summary>A scheduled digest is posted just after its moment: the period it arrived in names it.</summary>
    private static DateTimeOffset Period(ConnectorPost post)
        => new(post.ReceivedAt.Ticks - (post.ReceivedAt.Ticks % TimeSpan.FromSeconds(TwoInstanceFixture.DigestPeriodSeconds).Ticks), TimeSpan.Zero);

    /// <summary>The moderator previews a poll in the channel on one instance and launches it on the other.</summary>
    internal static async Task<string> LaunchPollAsync(TeamsActivityClient previewOn, TeamsActivityClient launchOn, string question, DateTimeOffset? closesAt)
    {
        var brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");
        var localClose = closesAt is { } at ? TimeZoneInfo.ConvertTime(at, brussels) : (DateTimeOffset?)null;
        var form = new JsonObject
        {
            ["question"] = question,
            ["options"] = "Data analytics\nE-commerce\nGreen customs",
            ["maxChoices"] = "1",
            ["anonymous"] = "false",
            ["visibility"] = "Live",
            ["closeDate"] = localClose?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["closeTime"] = localClose?.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
            ["timeZone"] = "Europe/Brussels",
            ["dialogKey"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
        };
        var preview = await previewOn.ExecuteAsync("poll.preview", form, ModeratorAadId);
        var pollId = PollIdPattern().Match(preview).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(pollId), $"No poll id in the preview: {preview}");

        var launched = await launchOn.ExecuteAsync("poll.launch", new JsonObject { ["pollId"] = pollId }, ModeratorAadId);
        Assert.Contains($"The poll is posted: {question}", launched, StringComparison.Ordinal);
        return pollId;
    }

    private const string ModeratorAadId = TwoInstanceFixture.ModeratorAadId;

    private static JsonObject Vote(string pollId, int option)
        => new() { ["pollId"] = pollId, ["choices"] = option.ToString(CultureInfo.InvariantCulture) };

    internal static JsonObject Suggestion(string cardId, string title) => new()
    {
        ["cardId"] = cardId,
        ["editId"] = string.Empty,
        ["title"] = title,
        ["why"] = "Several administrations raised it in the last meeting.",
        ["kind"] = "NewResearchArea",
        ["blocks"] = "a",
        ["bodies"] = "PTC",
        ["administration"] = "Customs of Ruritania",
        ["volunteer"] = "false",
        ["confirmed"] = "true",
    };

    internal static string NewCardId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static int SavedNumber(string reply)
    {
        var match = SavedPattern().Match(Texts(reply));
        Assert.True(match.Success, $"No stored number in the reply: {reply}");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>The votes per option as the poll card shows them, in option order.</summary>
    private static int[] OptionCounts(string texts)
        => [.. CountPattern().Matches(texts).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

    /// <summary>
    /// Every text of the replies and cards (choice titles included), one per line, as a member reads it: the card renderer escapes
    /// markdown characters (#, parentheses) in bound text with a backslash.
    /// </summary>
    private static string Texts(string replies)
    {
        var texts = new List<string>();
        Collect(JsonNode.Parse(replies));
        return string.Join('\n', texts);

        void Collect(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (key, value) in obj)
                    {
                        // A choice's title ({ title, value }) is text too: the poll card shows each option's count there.
                        var isChoiceTitle = key == "title" && obj.ContainsKey("value");
                        if ((key == "text" || isChoiceTitle) && value is JsonValue text && text.TryGetValue<string>(out var line))
                        {
                            texts.Add(line.Replace("\\", string.Empty, StringComparison.Ordinal));
                        }
                        else
                        {
                            Collect(value);
                        }
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        Collect(item);
                    }

                    break;
            }
        }
    }

    private static async Task<IReadOnlyList<ConnectorPost>> WaitForAsync(Func<IReadOnlyList<ConnectorPost>> read, Func<IReadOnlyList<ConnectorPost>, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var posts = read();
            if (done(posts))
            {
                return posts;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"Timed out waiting for {what}; the connector received {posts.Count} matching posts.");
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    [GeneratedRegex("\"pollId\":\\s*\"([a-z0-9]+)\"")]
    private static partial Regex PollIdPattern();

    [GeneratedRegex("\"cardId\":\\s*\"([0-9a-f]{32})\"")]
    private static partial Regex CardIdPattern();

    [GeneratedRegex(@"stored as #(\d+)")]
    private static partial Regex SavedPattern();

    [GeneratedRegex(@"(\d+) votes?\b")]
    private static partial Regex CountPattern();
}

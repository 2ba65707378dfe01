using FutureOfCustoms.EndToEnd.Tests.Infrastructure;

namespace FutureOfCustoms.EndToEnd.Tests.Digest;

/// <summary>A bot whose digest runs every minute, so a test sees several periods in a short run.</summary>
public sealed class MinutelyDigestFixture : PlaygroundFixture
{
    protected override IReadOnlyDictionary<string, string?> BotSettings { get; } = new Dictionary<string, string?>
    {
        ["Digest__Schedule"] = "* * * * *",
        ["Digest__Tick"] = "00:00:05",
    };
}

[CollectionDefinition(Name)]
public sealed class MinutelyDigestCollectionDefinition : ICollectionFixture<MinutelyDigestFixture>
{
    public const string Name = "Bot with a minutely digest and Agents Playground";
}

[Collection(MinutelyDigestCollectionDefinition.Name)]
public sealed class DigestScheduleTests(MinutelyDigestFixture fixture)
{
    private static readonly TimeSpan OnePeriod = TimeSpan.FromSeconds(75);

    [E2EFact(RequiredTool.Node, RequiredTool.NodeModules)]
    public async Task Each_minute_period_gets_exactly_one_digest_also_across_a_restart()
    {
        var playground = fixture.Playground;
        var start = await playground.SendCustomActivityAsync(await playground.GetActivityTemplateAsync(PlaygroundUsers.TeamId, "botAdded"));

        var first = await playground.Stream.WaitForMessageAsync(DigestTests.IsDigest, OnePeriod, start, "first scheduled digest");
        var firstAt = DateTimeOffset.UtcNow;
        await fixture.Bot.RestartAsync();
        var second = await playground.Stream.WaitForMessageAsync(DigestTests.IsDigest, OnePeriod, first.Position + 1, "digest of the next period, after the restart");
        var secondAt = DateTimeOffset.UtcNow;

        // A duplicate would come within seconds of its original; give it time to show up.
        await Task.Delay(TimeSpan.FromSeconds(8));
        var digests = playground.Stream.Snapshot().Skip(start).Where(DigestTests.IsDigest).ToList();
        var minutes = (int)Math.Round((DateTimeOffset.UtcNow - firstAt).TotalMinutes, MidpointRounding.ToZero);
        Assert.Equal([first.Position, second.Position], digests.Take(2).Select(d => d.Position));
        Assert.True(secondAt - firstAt >= TimeSpan.FromSeconds(20), $"The second digest came {(secondAt - firstAt).TotalSeconds:0} s after the first: a duplicate, not the next minute.");
        Assert.InRange(digests.Count, 2, 2 + minutes);
    }
}

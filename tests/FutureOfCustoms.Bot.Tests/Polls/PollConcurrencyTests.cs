using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Polls;
using FutureOfCustoms.Bot.Storage;
using FutureOfCustoms.Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FutureOfCustoms.Bot.Tests.Polls;

public sealed class PollConcurrencyTests
{
    [Fact]
    public async Task A_vote_checked_open_but_written_after_the_close_read_the_ballots_is_refused_and_not_saved()
    {
        var gate = new BallotWriteGate();
        await using var driver = new PollDriver(configure: gate.Install);
        var poll = await driver.LaunchAsync();
        await driver.VoteAsync(poll, TestBot.MemberAadId, "1");
        var service = driver.Bot.Get<PollService>();

        // The vote has read the poll as open and is about to write its ballot when the moderator closes the poll.
        gate.Arm();
        var lateVote = driver.VoteAsync(poll, TestBot.OtherMemberAadId, "2");
        await gate.Paused.WaitAsync(TimeSpan.FromSeconds(30));
        var closed = await service.CloseAsync(poll.Id, CancellationToken.None);
        gate.Release();
        var replies = await lateVote;

        Assert.Contains("not recorded", (string?)replies.InvokeResponse().Value, StringComparison.Ordinal);
        Assert.Equal(1, closed!.Results!.Ballots);
        Assert.Equal(["1"], Assert.Single(await driver.BallotsAsync(poll)).Choices);
    }

    [Fact]
    public async Task A_vote_on_an_instance_that_read_the_poll_open_a_moment_before_another_instance_closed_it_is_refused()
    {
        await using var first = new PollDriver();
        await using var second = new PollDriver(first.Bot.DataDirectory);
        var poll = await first.LaunchAsync();
        await first.VoteAsync(poll, TestBot.MemberAadId, "1");

        // The first instance still holds the poll as it read it for that vote; the second closes it.
        await second.Bot.Get<PollService>().CloseAsync(poll.Id, CancellationToken.None);
        var replies = await first.VoteAsync(poll, TestBot.OtherMemberAadId, "2");

        Assert.Contains("not recorded", (string?)replies.InvokeResponse().Value, StringComparison.Ordinal);
        Assert.Equal(["1"], Assert.Single(await first.BallotsAsync(poll)).Choices);
    }

    [Fact]
    public async Task One_member_voting_twice_at_the_same_moment_keeps_one_ballot_and_one_count()
    {
        await using var driver = new PollDriver();
        var poll = await driver.LaunchAsync();

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() => driver.VoteAsync(poll, TestBot.MemberAadId, i % 2 == 0 ? "1" : "2"))));

        var ballot = Assert.Single(await driver.BallotsAsync(poll));
        var box = await driver.Store.BoxAsync(poll, CancellationToken.None);
        Assert.Equal(1, box.Ballots);
        Assert.Equal(IndependentTally.Count(poll, [ballot], 3).Counts, box.Results(poll, 3).Counts);
    }

    [Fact]
    public async Task Votes_of_different_members_and_revotes_at_the_same_moment_keep_the_counts_equal_to_the_ballots()
    {
        await using var driver = new PollDriver();
        var poll = await driver.LaunchAsync();
        string[] voters = [TestBot.ModeratorAadId, TestBot.MemberAadId, TestBot.OtherMemberAadId];

        await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(() => driver.VoteAsync(poll, voters[i % 3], ((i % 3) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)))));

        var ballots = await driver.BallotsAsync(poll);
        var box = await driver.Store.BoxAsync(poll, CancellationToken.None);
        Assert.Equal(3, ballots.Count);
        Assert.Equal(3, box.Ballots);
        Assert.Equal([1, 1, 1], box.Results(poll, 3).Counts.Select(c => c.Votes));
    }

    /// <summary>Holds the first ballot write after <see cref="Arm"/> until <see cref="Release"/>: a vote caught between its check and its write.</summary>
    private sealed class BallotWriteGate
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _paused = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _armed;

        public Task Paused => _paused.Task;

        public void Install(IServiceCollection services)
        {
            var sqlite = services.Single(d => d.ServiceType == typeof(IDocumentStore));
            services.Remove(sqlite);
            services.AddSingleton<IDocumentStore>(provider => new GatedStore(
                sqlite.ImplementationFactory is { } factory ? (IDocumentStore)factory(provider) : (IDocumentStore)ActivatorUtilities.CreateInstance(provider, sqlite.ImplementationType!),
                this));
        }

        public void Arm() => Interlocked.Exchange(ref _armed, 1);

        public void Release() => _released.TrySetResult();

        private async Task WaitIfArmedAsync(IReadOnlyList<StoreOperation> operations)
        {
            if (operations.Any(o => o.Value is Ballot) && Interlocked.Exchange(ref _armed, 0) == 1)
            {
                _paused.TrySetResult();
                await _released.Task.WaitAsync(TimeSpan.FromSeconds(30));
            }
        }

        private sealed class GatedStore(IDocumentStore inner, BallotWriteGate gate) : IDocumentStore
        {
            public string ProviderName => inner.ProviderName;

            public Task<StoredDocument<T>?> GetAsync<T>(string collection, string partition, string id, CancellationToken cancellationToken = default)
                => inner.GetAsync<T>(collection, partition, id, cancellationToken);

            public Task<IReadOnlyList<StoredDocument<T>>> ListAsync<T>(string collection, string partition, CancellationToken cancellationToken = default)
                => inner.ListAsync<T>(collection, partition, cancellationToken);

            public Task<IReadOnlyList<StoredDocument<T>>> ListAllAsync<T>(string collection, CancellationToken cancellationToken = default)
                => inner.ListAllAsync<T>(collection, cancellationToken);

            public async Task<IReadOnlyList<string?>> ExecuteAsync(string collection, string partition, IReadOnlyList<StoreOperation> operations, CancellationToken cancellationToken = default)
            {
                await gate.WaitIfArmedAsync(operations);
                return await inner.ExecuteAsync(collection, partition, operations, cancellationToken);
            }
        }
    }
}

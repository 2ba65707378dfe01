using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Digest;
using FutureOfCustoms.Bot.Discussion;
using FutureOfCustoms.Bot.Storage;
using FutureOfCustoms.Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FutureOfCustoms.Bot.Tests.Discussion;

/// <summary>The digest's discussion section read from the activity filed by time and the tally, not from every answer.</summary>
public sealed class DiscussionDigestTests
{
    private const string AnswerCollection = "discussion-answers";
    private static readonly UserRef Mia = new("29:mia", "Mia Member", "aad-mia");
    private static readonly UserRef Leo = new("29:leo", "Leo Other", "aad-leo");
    private static readonly UserRef Ana = new("29:ana", "Ana Third", "aad-ana");

    [Fact]
    public async Task Answers_count_as_new_in_the_period_of_their_first_version_and_once_as_edited_in_the_period_of_later_ones()
    {
        await using var bot = await StartAsync();
        var week = bot.Time.GetUtcNow();
        await SaveAsync(bot, 1, Mia, "China Customs");
        await SaveAsync(bot, 1, Leo, "Kenya Revenue Authority");
        bot.Time.Advance(TimeSpan.FromDays(7));
        await SaveAsync(bot, 1, Mia, "China Customs");
        bot.Time.Advance(TimeSpan.FromHours(1));
        await SaveAsync(bot, 1, Mia, "China Customs");
        await SaveAsync(bot, 2, Leo, "Kenya Revenue Authority");

        var first = await ComposeAsync(bot, week, week.AddDays(7));
        var second = await ComposeAsync(bot, week.AddDays(7), week.AddDays(14));
        var later = await ComposeAsync(bot, week.AddDays(14), week.AddDays(21));

        Assert.Equal(["Question 1: 2 new answers"], first!.Lines.Where(l => l.StartsWith("Question", StringComparison.Ordinal)));
        Assert.Equal(["Question 1: 1 edited answer", "Question 2: 1 new answer"], second!.Lines.Where(l => l.StartsWith("Question", StringComparison.Ordinal)));
        Assert.Null(later);
    }

    [Fact]
    public async Task Participation_in_the_digest_is_what_counting_every_answer_gives()
    {
        await using var bot = await StartAsync();
        var start = bot.Time.GetUtcNow();
        await SaveAsync(bot, 1, Mia, "China Customs");
        await SaveAsync(bot, 2, Mia, " china customs ");
        await SaveAsync(bot, 1, Leo, "Kenya");
        await SaveAsync(bot, 1, Leo, "Kenya Revenue Authority");
        await SaveAsync(bot, 3, Ana, "Kenya Revenue Authority");
        var store = bot.Get<DiscussionStore>();

        var (_, participation) = await store.ActivityAsync(AnnexIIIDiscussion.Name, start, start.AddDays(7), CancellationToken.None);

        Assert.Equal(DiscussionCompilation.Participation(await store.AnswersAsync(AnnexIIIDiscussion.Name, CancellationToken.None)), participation);
        Assert.Equal(new Participation(3, 2), participation);
    }

    [Fact]
    public async Task Answers_stored_before_the_index_existed_are_indexed_at_first_use_and_counted_on()
    {
        await using var bot = await StartAsync();
        var start = bot.Time.GetUtcNow();
        var documents = bot.Get<IDocumentStore>();
        await documents.InsertAsync(AnswerCollection, AnnexIIIDiscussion.Name, DiscussionAnswer.IdOf(1, "aad-mia"), Answer(1, Mia, "China Customs", start, start.AddDays(1)));
        await documents.InsertAsync(AnswerCollection, AnnexIIIDiscussion.Name, DiscussionAnswer.IdOf(2, "aad-leo"), Answer(2, Leo, "Kenya Revenue Authority", start.AddDays(2)));

        var section = await ComposeAsync(bot, start, start.AddDays(7));
        bot.Time.Advance(TimeSpan.FromDays(3));
        await SaveAsync(bot, 2, Mia, "China Customs");
        await SaveAsync(bot, 3, Ana, "Uganda Revenue Authority");
        var after = await ComposeAsync(bot, start, start.AddDays(7));

        Assert.Contains("Question 1: 1 new answer and 1 edited answer", section!.Lines);
        Assert.Contains("Question 2: 1 new answer", section.Lines);
        Assert.EndsWith("2 delegates from 2 administrations have answered so far.", section.Lines[^1], StringComparison.Ordinal);
        Assert.Contains("Question 2: 2 new answers", after!.Lines);
        Assert.EndsWith("3 delegates from 3 administrations have answered so far.", after.Lines[^1], StringComparison.Ordinal);
        Assert.Equal(4, (await bot.Get<DiscussionStore>().AnswersAsync(AnnexIIIDiscussion.Name, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Concurrent_answers_are_all_kept_and_counted_exactly()
    {
        await using var bot = await StartAsync();
        var start = bot.Time.GetUtcNow();
        var members = Enumerable.Range(0, 6).Select(i => new UserRef($"29:m{i}", $"Member {i}", $"aad-m{i}")).ToList();
        var store = bot.Get<DiscussionStore>();

        await Task.WhenAll(members.SelectMany(m => Enumerable.Range(1, 3).Select(q => Task.Run(() => SaveAsync(bot, q, m, $"Administration {m.Name[^1]}")))));
        await Task.WhenAll(members.Take(2).Select(m => Task.Run(() => SaveAsync(bot, 1, m, "Shared Administration"))));

        var answers = await store.AnswersAsync(AnnexIIIDiscussion.Name, CancellationToken.None);
        var (activity, participation) = await store.ActivityAsync(AnnexIIIDiscussion.Name, start, start.AddDays(7), CancellationToken.None);
        Assert.Equal(18, answers.Count);
        Assert.Equal(20, activity.Count);
        Assert.Equal(18, activity.Count(a => a.IsFirst));
        Assert.Equal(DiscussionCompilation.Participation(answers), participation);
        Assert.Equal(new Participation(6, 7), participation);
    }

    [Fact]
    public async Task The_digest_reads_the_periods_activity_and_never_every_answer()
    {
        var reads = new ListingRecorder();
        await using var bot = await StartAsync(reads.Install);
        var start = bot.Time.GetUtcNow();
        await SaveAsync(bot, 1, Mia, "China Customs");
        await SaveAsync(bot, 2, Leo, "Kenya Revenue Authority");
        reads.Clear();

        var section = await ComposeAsync(bot, start, start.AddDays(7));

        Assert.NotNull(section);
        Assert.DoesNotContain($"{AnswerCollection}/{AnnexIIIDiscussion.Name}", reads.Listings);
        Assert.Contains(reads.Listings, r => r.StartsWith($"{AnswerCollection}/{AnnexIIIDiscussion.Name}/activity-", StringComparison.Ordinal));
    }

    private static async Task<TestBot> StartAsync(Action<IServiceCollection>? configure = null)
    {
        var bot = new TestBot(configure);
        await bot.Get<DiscussionStore>().FindAsync(AnnexIIIDiscussion.Name, CancellationToken.None);
        return bot;
    }

    private static Task<DiscussionAnswer> SaveAsync(TestBot bot, int question, UserRef author, string administration)
        => bot.Get<DiscussionStore>().SaveAnswerAsync(AnnexIIIDiscussion.Name, question, author, new AnswerVersion($"Answer of {author.Name}.", null, administration, author.Name, bot.Time.GetUtcNow()), CancellationToken.None);

    private static DiscussionAnswer Answer(int question, UserRef author, string administration, params DateTimeOffset[] versions)
        => new(AnnexIIIDiscussion.Name, question, author.AadObjectId!, author.Id, author.Name, author.AadObjectId, [.. versions.Select(at => new AnswerVersion("Stored earlier.", null, administration, author.Name, at))]);

    private static Task<DigestSection?> ComposeAsync(TestBot bot, DateTimeOffset start, DateTimeOffset end)
        => bot.Get<IEnumerable<IDigestSource>>().OfType<DiscussionDigestSource>().Single().ComposeAsync(new DigestPeriod(start, end), CancellationToken.None);
}

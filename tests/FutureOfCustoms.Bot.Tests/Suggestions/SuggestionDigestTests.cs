using System.Security.Cryptography;
using FutureOfCustoms.Bot.Digest;
using FutureOfCustoms.Bot.Storage;
using FutureOfCustoms.Bot.Suggestions;
using FutureOfCustoms.Bot.Tests.Support;

namespace FutureOfCustoms.Bot.Tests.Suggestions;

/// <summary>The digest's suggestions section read from the creations and status changes filed by time, not from every suggestion.</summary>
public sealed class SuggestionDigestTests
{
    private const string Administration = "Kenya Revenue Authority";

    [Fact]
    public async Task Suggestions_appear_in_the_digest_of_the_period_they_were_created_or_reviewed_in_as_they_are_now()
    {
        await using var bot = new TestBot();
        var repository = bot.Get<SuggestionRepository>();
        var week = bot.Time.GetUtcNow();
        var analytics = await CreateAsync(bot, "Data analytics");
        var green = await CreateAsync(bot, "Green customs");
        bot.Time.Advance(TimeSpan.FromDays(7));
        await ChangeAsync(bot, analytics, s => s with { Status = SuggestionStatus.Accepted, StatusChangedAt = bot.Time.GetUtcNow() });
        await ChangeAsync(bot, green, s => s with { Fields = s.Fields with { Title = "Green customs and climate" }, EditedAt = bot.Time.GetUtcNow() });

        var first = await ComposeAsync(bot, week, week.AddDays(7));
        var second = await ComposeAsync(bot, week.AddDays(7), week.AddDays(14));
        var third = await ComposeAsync(bot, week.AddDays(14), week.AddDays(21));

        Assert.Equal([$"New: #1 Data analytics ({Administration})", $"New: #2 Green customs and climate ({Administration})"], first!.Lines);
        Assert.Equal([$"#1 Data analytics: {SuggestionCatalogue.StatusName(SuggestionStatus.Accepted)}"], second!.Lines);
        Assert.Null(third);
        Assert.Equal(2, (await repository.ListAsync(CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_status_changed_again_later_leaves_the_earlier_periods_digest_as_before()
    {
        await using var bot = new TestBot();
        var week = bot.Time.GetUtcNow();
        var topic = await CreateAsync(bot, "Data analytics");
        await ChangeAsync(bot, topic, s => s with { Status = SuggestionStatus.Accepted, StatusChangedAt = bot.Time.GetUtcNow() });
        bot.Time.Advance(TimeSpan.FromDays(7));
        await ChangeAsync(bot, topic, s => s with { Status = SuggestionStatus.Withdrawn, StatusChangedAt = bot.Time.GetUtcNow() });

        var first = await ComposeAsync(bot, week, week.AddDays(7));
        var second = await ComposeAsync(bot, week.AddDays(7), week.AddDays(14));

        // Only the latest status change is kept on a suggestion, so the digest has always reported that one alone.
        Assert.Equal([$"New: #1 Data analytics ({Administration})"], first!.Lines);
        Assert.Equal([$"#1 Data analytics: {SuggestionCatalogue.StatusName(SuggestionStatus.Withdrawn)}"], second!.Lines);
    }

    [Fact]
    public async Task Suggestions_stored_before_activity_was_filed_reach_the_digest()
    {
        await using var bot = new TestBot();
        var week = bot.Time.GetUtcNow();
        var documents = bot.Get<IDocumentStore>();
        var earlier = Suggestion(1, "Stored earlier", week.AddDays(-30)) with { Status = SuggestionStatus.Declined, StatusChangedAt = week.AddDays(2) };
        await documents.InsertAsync("suggestions", "all", "item-" + earlier.Id, earlier);
        await documents.InsertAsync("suggestions", "all", "counter", new { Last = 1 });

        var section = await ComposeAsync(bot, week, week.AddDays(7));
        await CreateAsync(bot, "Created after the upgrade");
        var after = await ComposeAsync(bot, week, week.AddDays(7));

        Assert.Equal([$"#1 Stored earlier: {SuggestionCatalogue.StatusName(SuggestionStatus.Declined)}"], section!.Lines);
        Assert.Equal([$"New: #2 Created after the upgrade ({Administration})", $"#1 Stored earlier: {SuggestionCatalogue.StatusName(SuggestionStatus.Declined)}"], after!.Lines);
    }

    [Fact]
    public async Task The_digest_reads_its_periods_activity_and_never_every_suggestion()
    {
        var reads = new ListingRecorder();
        await using var bot = new TestBot(reads.Install);
        var week = bot.Time.GetUtcNow();
        await CreateAsync(bot, "Data analytics");
        await ComposeAsync(bot, week.AddDays(-7), week);
        reads.Clear();

        var section = await ComposeAsync(bot, week, week.AddDays(7));

        Assert.NotNull(section);
        Assert.All(reads.Listings, r => Assert.StartsWith("suggestions/all/activity-", r, StringComparison.Ordinal));
    }

    private static async Task<Suggestion> CreateAsync(TestBot bot, string title)
        => (await bot.Get<SuggestionRepository>().CreateAsync(Guid.NewGuid().ToString("N"), number => Suggestion(number, title, bot.Time.GetUtcNow()), CancellationToken.None))!;

    private static async Task ChangeAsync(TestBot bot, Suggestion suggestion, Func<Suggestion, Suggestion> change)
    {
        var repository = bot.Get<SuggestionRepository>();
        var current = (await repository.GetAsync(suggestion.Id, CancellationToken.None))!;
        Assert.True(await repository.ReplaceAsync(current, change(current.Value), null, CancellationToken.None));
    }

    private static Suggestion Suggestion(int number, string title, DateTimeOffset at)
        => new(
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            number,
            new SuggestionFields(title, "Why it matters.", SuggestionKind.NewResearchArea, [], [], Administration, Volunteer: false),
            new SuggestionAuthor("29:mia", "Mia Member", "aad-mia"),
            "19:channel@thread.tacv2",
            "tenant-1",
            null,
            at);

    private static Task<DigestSection?> ComposeAsync(TestBot bot, DateTimeOffset start, DateTimeOffset end)
        => bot.Get<IEnumerable<IDigestSource>>().OfType<SuggestionDigestSource>().Single().ComposeAsync(new DigestPeriod(start, end), CancellationToken.None);
}

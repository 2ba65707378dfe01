using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Tests.Support;

namespace FutureOfCustoms.Bot.Tests.Digest;

/// <summary>The digest as a mixed English and French channel reads it, and as the moderator previews it.</summary>
public sealed class DigestChannelTests
{
    private const string Question = "What does the VWG FC say about e-commerce?";
    private static readonly DateTimeOffset Installed = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_posted_digest_is_one_card_in_english_with_the_same_facts_in_french_behind_a_toggle()
    {
        await using var digest = await AskedThenInstalledAsync();

        await digest.Bot.SendTextAsync("digest post", TestBot.ModeratorAadId);

        var card = Assert.Single(digest.Sent).Message.Card!;
        var (english, french) = (Edition(card, "digest-en"), Edition(card, "digest-fr"));
        Assert.Null(english["isVisible"]);
        Assert.False(french["isVisible"]!.GetValue<bool>());
        var toggle = card["actions"]!.AsArray().Single(a => a!["type"]!.GetValue<string>() == "Action.ToggleVisibility")!;
        Assert.Contains("Français", toggle["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["digest-en", "digest-fr"], toggle["targetElements"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Contains("1 question asked, about E-commerce.", english.AllText(), StringComparison.Ordinal);
        Assert.Contains("1 question posée, sur E-commerce.", french.AllText(), StringComparison.Ordinal);
        Assert.Equal(Lines(english).Count, Lines(french).Count);
    }

    [Fact]
    public async Task The_channel_never_reads_a_members_question_word_for_word_but_the_moderators_preview_does()
    {
        await using var digest = await AskedThenInstalledAsync();

        var preview = (await digest.Bot.SendTextAsync("digest", TestBot.ModeratorAadId)).Card();
        await digest.Bot.SendTextAsync("digest post", TestBot.ModeratorAadId);

        Assert.Contains("e-commerce?", Edition(preview, "digest-en").AllText(), StringComparison.Ordinal);
        Assert.DoesNotContain("e-commerce?", Assert.Single(digest.Sent).Message.Card!.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Right_after_install_the_preview_covers_the_week_before_it()
    {
        await using var digest = await AskedThenInstalledAsync();

        var preview = (await digest.Bot.SendTextAsync("digest", TestBot.ModeratorAadId)).Card();

        Assert.DoesNotContain("A quiet week", preview.AllText(), StringComparison.Ordinal);
        Assert.Contains("1 question asked", preview.AllText(), StringComparison.Ordinal);
        Assert.Contains("18 November 2026 to 25 November 2026", preview.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_first_scheduled_digest_covers_the_week_before_its_monday_not_just_the_days_since_install()
    {
        await using var digest = await AskedThenInstalledAsync();

        await digest.CheckAtAsync(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero), digest.Sources[0].Periods[^1].Start);
    }

    // A member asks on Tuesday 24 November; the bot is added to the team on Wednesday.
    private static async Task<DigestHarness> AskedThenInstalledAsync()
    {
        var digest = new DigestHarness();
        digest.Sources[0].Section = null;
        digest.Bot.Time.SetUtcNow(Installed.AddDays(-1));
        await digest.Bot.SendTextAsync(Question);
        await digest.AddToTeamAtAsync(Installed);
        return digest;
    }

    private static JsonNode Edition(JsonNode card, string id)
        => card["body"]!.AsArray().Single(e => e!["id"]?.GetValue<string>() == id)!;

    private static List<string> Lines(JsonNode edition) => [.. edition.AllText().Split('\n')];
}

using System.Globalization;
using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Polls;
using FutureOfCustoms.Bot.Tests.Support;

namespace FutureOfCustoms.Bot.Tests.Polls;

/// <summary>Results in Teams' charts with a text fallback, ties sharing a rank, turnout of members only, and counts that read right in both languages.</summary>
public sealed class PollResultsTests
{
    [Fact]
    public async Task A_single_choice_poll_shows_a_donut_and_a_multiple_choice_poll_ranked_bars_each_with_a_ranked_text_fallback()
    {
        await using var driver = new PollDriver();
        var single = await driver.LaunchAsync();
        var multiple = await driver.LaunchAsync(PollDriver.Form(question: "Which two topics?", maxChoices: 2));
        await driver.VoteAsync(single, TestBot.MemberAadId, "2");
        await driver.VoteAsync(multiple, TestBot.MemberAadId, "1", "3");

        await driver.CloseAsync(single);
        await driver.CloseAsync(multiple);

        var donut = Chart(ResultsOf(driver, single));
        var bars = Chart(ResultsOf(driver, multiple));
        Assert.Equal("Chart.Donut", (string?)donut["type"]);
        Assert.Equal([("E-commerce", 1.0), ("Data analytics", 0.0), ("Green customs", 0.0)], donut["data"]!.AsArray().Select(d => ((string)d!["legend"]!, (double)d["value"]!)));
        Assert.Equal("Chart.HorizontalBar", (string?)bars["type"]);
        Assert.Equal([("Data analytics", 1.0), ("Green customs", 1.0), ("E-commerce", 0.0)], bars["data"]!.AsArray().Select(d => ((string)d!["x"]!, (double)d["y"]!)));
        foreach (var chart in new[] { donut, bars })
        {
            var fallback = chart["fallback"]!.AsObject();
            Assert.Equal("Container", (string?)fallback["type"]);
            Assert.Equal(3, fallback["items"]!.AsArray().Count);
        }
    }

    [Fact]
    public async Task Tied_options_share_a_rank_and_the_next_rank_skips()
    {
        await using var driver = new PollDriver();
        var poll = await driver.LaunchAsync(PollDriver.Form(options: "A\nB\nC\nD"));
        await driver.VoteAsync(poll, TestBot.MemberAadId, "2");

        await driver.CloseAsync(poll);

        var lines = Chart(ResultsOf(driver, poll))["fallback"]!["items"]!.AsArray().Select(i => (string?)i!["text"]).ToList();
        Assert.Equal(["Rank 1: B · 1 vote, 100%", "Rank 2: A · 0 votes, 0%", "Rank 2: C · 0 votes, 0%", "Rank 2: D · 0 votes, 0%"], lines);
    }

    [Fact]
    public void Ranking_gives_equal_counts_the_same_rank_in_the_polls_order()
    {
        var poll = Poll(4);
        var results = new PollResults([new OptionCount("1", 2), new OptionCount("2", 5), new OptionCount("3", 2), new OptionCount("4", 0)], 9, 9);

        var ranked = PollTally.Ranked(poll, results);

        Assert.Equal([("2", 1), ("1", 2), ("3", 2), ("4", 4)], ranked.Select(r => (r.Option.Id, r.Rank)));
    }

    [Fact]
    public async Task Ballots_from_people_outside_the_roster_are_counted_but_turnout_counts_members_only()
    {
        await using var driver = new PollDriver();
        var poll = await driver.LaunchAsync();
        var outsiders = Enumerable.Range(0, 40).Select(i => $"00000000-0000-0000-0009-{i:D12}").ToList();

        foreach (var outsider in outsiders)
        {
            await driver.VoteAsync(poll, outsider, "1");
        }

        await driver.VoteAsync(poll, TestBot.MemberAadId, "2");
        await driver.CloseAsync(poll);

        var closed = (await driver.Store.GetAsync(poll.Id, CancellationToken.None))!;
        Assert.Equal(41, closed.Results!.Ballots);
        Assert.Equal(40, closed.Results.Counts.Single(c => c.OptionId == "1").Votes);
        Assert.Equal(1, closed.Results.Voters);
        Assert.Equal(3, closed.Results.Members);
        Assert.Contains("1 of 3 members has voted", ResultsOf(driver, poll).AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_roster_is_read_again_before_the_turnout_when_a_voter_is_not_in_the_cached_one()
    {
        await using var driver = new PollDriver();
        var poll = await driver.LaunchAsync();
        const string Newcomer = "00000000-0000-0000-0000-0000000000dd";

        // The newcomer joins after the roster was read and cached; their ballot arrives next.
        driver.Messenger.Members.Add(FakeMessenger.Member(Newcomer));
        var readsBefore = driver.Messenger.RosterReads;
        await driver.VoteAsync(poll, Newcomer, "1");
        driver.Bot.Time.Advance(PollStore.RecentlyRead);
        var view = await PollViewTests.RefreshAsync(driver, poll, Newcomer);

        Assert.True(driver.Messenger.RosterReads > readsBefore);
        Assert.Contains("1 of 4 members has voted", view.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Turnout_never_exceeds_the_roster_with_forty_outsiders_voting_in_a_roster_of_six()
    {
        await using var driver = new PollDriver();
        driver.Messenger.Members.AddRange(Enumerable.Range(0, 3).Select(i => FakeMessenger.Member($"00000000-0000-0000-0008-{i:D12}")));
        var poll = await driver.LaunchAsync();

        foreach (var outsider in Enumerable.Range(0, 40).Select(i => $"00000000-0000-0000-0009-{i:D12}"))
        {
            await driver.VoteAsync(poll, outsider, "1");
        }

        var view = (await driver.VoteAsync(poll, TestBot.MemberAadId, "1")).InvokeCard();
        driver.Bot.Time.Advance(PollStore.RecentlyRead);
        var refreshed = await PollViewTests.RefreshAsync(driver, poll, TestBot.MemberAadId);

        Assert.Contains("1 of 6 members has voted", view.AllText(), StringComparison.Ordinal);
        Assert.Contains("1 of 6 members has voted", refreshed.AllText(), StringComparison.Ordinal);
        Assert.Contains("Data analytics · 41 votes, 100%", refreshed.AllText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", 0, "0 of 3 members have voted", "0 votes, 0%", "Reminding 0 members who have not voted yet.")]
    [InlineData("en", 1, "1 of 3 members has voted", "1 vote, 100%", "Reminding 1 member who has not voted yet.")]
    [InlineData("en", 2, "2 of 3 members have voted", "2 votes, 100%", "Reminding 2 members who have not voted yet.")]
    [InlineData("fr", 0, "0 membre sur 3 a voté", "0 vote, 0 %", "Relance de 0 membre qui n'a pas encore voté.")]
    [InlineData("fr", 1, "1 membre sur 3 a voté", "1 vote, 100 %", "Relance de 1 membre qui n'a pas encore voté.")]
    [InlineData("fr", 2, "2 membres sur 3 ont voté", "2 votes, 100 %", "Relance de 2 membres qui n'ont pas encore voté.")]
    public void Poll_counts_read_right_at_0_1_and_2_in_English_and_French(string language, int n, string turnout, string votes, string reminding)
    {
        var culture = CultureInfo.GetCultureInfo(language);

        Assert.Equal(turnout, PollTally.Participation(culture, new PollResults([], n, 3, n)));
        Assert.Equal(votes, PollTally.VotesLine(culture, n, n));
        Assert.Equal(reminding, PollTally.Counted(culture, nameof(PollsStrings.Reminding), n));
    }

    [Theory]
    [InlineData("en", 0, "0 members have voted")]
    [InlineData("en", 1, "1 member has voted")]
    [InlineData("en", 2, "2 members have voted")]
    [InlineData("fr", 0, "0 membre a voté")]
    [InlineData("fr", 1, "1 membre a voté")]
    [InlineData("fr", 2, "2 membres ont voté")]
    public void Turnout_without_a_roster_reads_right_at_0_1_and_2(string language, int n, string expected)
    {
        var culture = CultureInfo.GetCultureInfo(language);

        Assert.Equal(expected, PollTally.Participation(culture, new PollResults([], n, 0)));
    }

    [Theory]
    [InlineData("en", 2, "Choose up to 2 options", "This poll allows at most 2 choices: nothing was recorded.")]
    [InlineData("en", 1, "Choose up to 1 option", "This poll allows at most 1 choice: nothing was recorded.")]
    [InlineData("fr", 2, "Choisissez jusqu'à 2 options", "Ce sondage permet au plus 2 choix : rien n'a été enregistré.")]
    [InlineData("fr", 1, "Choisissez jusqu'à 1 option", "Ce sondage permet au plus 1 choix : rien n'a été enregistré.")]
    [InlineData("fr", 0, "Choisissez jusqu'à 0 option", "Ce sondage permet au plus 0 choix : rien n'a été enregistré.")]
    [InlineData("en", 0, "Choose up to 0 options", "This poll allows at most 0 choices: nothing was recorded.")]
    public void Choice_limits_read_right_in_both_languages(string language, int n, string rule, string refusal)
    {
        var culture = CultureInfo.GetCultureInfo(language);

        Assert.Equal(rule, PollTally.Counted(culture, nameof(PollsStrings.Rule_Multiple), n));
        Assert.Equal(refusal, PollTally.Counted(culture, nameof(PollsStrings.Refuse_TooManyChoices), n));
    }

    [Fact]
    public async Task A_French_moderator_gets_the_confirmation_with_French_counts()
    {
        await using var driver = new PollDriver();
        var poll = await driver.LaunchAsync();
        await driver.VoteAsync(poll, TestBot.MemberAadId, "1");

        var activity = driver.Bot.NewActivity(Microsoft.Bot.Schema.ActivityTypes.Invoke, TestBot.ModeratorAadId, ConversationKind.Channel, locale: "fr-FR");
        activity.Name = "task/fetch";
        activity.Value = Newtonsoft.Json.Linq.JObject.FromObject(new { data = new { verb = PollCommands.Close, pollId = poll.Id } });
        var step = DialogStep.Of(await driver.Bot.RunAsync(activity));

        Assert.Contains("Clore maintenant ? 1 membre sur 3 a voté.", step.Card!.AllText(), StringComparison.Ordinal);
    }

    private static JsonObject ResultsOf(PollDriver driver, Poll poll)
        => driver.Messenger.Sent.Select(s => s.Message).Last(m => m.Text == string.Format(CultureInfo.InvariantCulture, PollsStrings.Results_Title, poll.Question)).Card!;

    private static JsonObject Chart(JsonObject card)
        => card["body"]!.AsArray().Single(e => ((string?)e!["type"])!.StartsWith("Chart.", StringComparison.Ordinal))!.AsObject();

    private static Poll Poll(int options) => new()
    {
        Id = "rank01",
        Question = "Q?",
        Options = [.. Enumerable.Range(1, options).Select(i => new PollOption(i.ToString(CultureInfo.InvariantCulture), $"Option {i}"))],
        ConversationId = TestBot.ChannelConversationId,
        CreatedBy = new UserRef("29:m", "M", TestBot.ModeratorAadId),
        Status = PollStatus.Closed,
    };
}

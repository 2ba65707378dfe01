using FutureOfCustoms.Bot.Knowledge.Answers;
using FutureOfCustoms.Bot.Tests.Support;

namespace FutureOfCustoms.Bot.Tests.Hosting;

/// <summary>Per-member allowances: one member's flood is refused with a wait, and nobody else notices.</summary>
public sealed class MemberRateLimitTests
{
    private static readonly Dictionary<string, string?> TwoQuestions = new() { ["RateLimits:Questions"] = "2", ["RateLimits:Window"] = "01:00:00" };

    [Fact]
    public async Task A_member_over_the_question_allowance_is_told_to_wait_and_the_question_is_not_recorded()
    {
        await using var bot = new TestBot(settings: TwoQuestions);
        await bot.SendTextAsync("What is a single window?");
        await bot.SendTextAsync("What is coordinated border management?");

        var refused = await bot.SendTextAsync("What is a data model?");

        Assert.Contains("You are sending a lot in a short time. Wait", refused.Texts(), StringComparison.Ordinal);
        Assert.Contains("seconds and try again", refused.Texts(), StringComparison.Ordinal);
        Assert.Equal(2, (await bot.Get<QuestionLog>().ListAsync(bot.Time.GetUtcNow().AddDays(-1), bot.Time.GetUtcNow().AddDays(1), CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Another_member_is_answered_while_one_member_is_over_the_allowance()
    {
        await using var bot = new TestBot(settings: TwoQuestions);
        for (var i = 0; i < 5; i++)
        {
            await bot.SendTextAsync($"Flood question {i}");
        }

        var other = await bot.SendTextAsync("What is a single window?", TestBot.OtherMemberAadId);

        Assert.DoesNotContain("Wait", other.Texts(), StringComparison.Ordinal);
        Assert.Equal(3, (await bot.Get<QuestionLog>().ListAsync(bot.Time.GetUtcNow().AddDays(-1), bot.Time.GetUtcNow().AddDays(1), CancellationToken.None)).Count);
    }

    [Fact]
    public async Task The_wait_is_said_in_French_to_a_French_speaking_member()
    {
        await using var bot = new TestBot(settings: TwoQuestions);
        await bot.SendTextAsync("Qu'est-ce qu'un guichet unique ?", locale: "fr-FR");
        await bot.SendTextAsync("Qu'est-ce que la gestion coordonnée des frontières ?", locale: "fr-FR");

        var refused = await bot.SendTextAsync("Qu'est-ce qu'un modèle de données ?", locale: "fr-FR");

        Assert.Contains("Attendez", refused.Texts(), StringComparison.Ordinal);
        Assert.Contains("secondes puis réessayez", refused.Texts(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_that_write_nothing_are_not_limited()
    {
        await using var bot = new TestBot(settings: TwoQuestions);

        var replies = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            replies.Add((await bot.SendTextAsync("help")).Texts());
        }

        Assert.All(replies, r => Assert.DoesNotContain("Wait", r, StringComparison.Ordinal));
    }
}

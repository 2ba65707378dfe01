using System.Globalization;
using FutureOfCustoms.Bot.Localization;

namespace FutureOfCustoms.Bot.Tests.Localization;

public class PluralTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    [Theory]
    [InlineData("en-GB", 0, "0 votes")]
    [InlineData("en-GB", 1, "1 vote")]
    [InlineData("en-GB", 2, "2 votes")]
    [InlineData("fr-FR", 0, "0 vote")]
    [InlineData("fr-FR", 1, "1 vote")]
    [InlineData("fr-FR", 2, "2 votes")]
    public void English_takes_the_singular_for_one_and_French_for_zero_and_one(string culture, long count, string expected)
    {
        var text = Plural.Format(CultureInfo.GetCultureInfo(culture), "{0} vote|{0} votes", count);

        Assert.Equal(expected, text);
    }

    [Fact]
    public void Further_arguments_follow_the_count()
    {
        var text = Plural.Format(English, "{0} answer to {1}|{0} answers to {1}", 3, "question 2");

        Assert.Equal("3 answers to question 2", text);
    }

    [Fact]
    public void Counts_are_written_with_the_cultures_digits_grouping()
    {
        var text = Plural.Format(French, "{0:N0} vote|{0:N0} votes", 12345);

        Assert.Equal("12\u202f345 votes", text);
    }

    [Fact]
    public void A_value_with_one_form_serves_every_count()
    {
        Assert.Equal("Votes: 1", Plural.Format(English, "Votes: {0}", 1));
    }

    [Fact]
    public void A_value_with_three_forms_is_refused()
    {
        Assert.Throws<FormatException>(() => Plural.Format(English, "a|b|c", 1));
    }
}

using FutureOfCustoms.Bot.Cards;

namespace FutureOfCustoms.Bot.Tests.Cards;

public sealed class CardTextTests
{
    [Theory]
    [InlineData("plain text, with: punctuation! 'quotes' 1.5", "plain text, with: punctuation! 'quotes' 1.5")]
    [InlineData(@"a\b *c* _d_ ~e~ `f`", @"a\\b \*c\* \_d\_ \~e\~ \`f\`")]
    [InlineData("[x](http://y) # > | &lt;", @"\[x\]\(http://y\) \# \> \| \&lt;")]
    [InlineData("<at>Bo</at>", @"\<at\>Bo\</at\>")]
    [InlineData("- a\n+ b\n  12. c\n=== ", "\\- a\n\\+ b\n  12\\. c\n\\=== ")]
    [InlineData("a - b + c 3. d", "a - b + c 3. d")]
    public void Markdown_characters_are_escaped_so_the_text_shows_as_typed(string text, string expected)
    {
        var escaped = CardText.Escape(text);

        Assert.Equal(expected, escaped);
    }
}

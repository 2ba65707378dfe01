using FutureOfCustoms.Bot.Storage;

namespace FutureOfCustoms.Bot.Tests.Storage;

public sealed class KeyPrefixTests
{
    [Theory]
    [InlineData("v-2026", "v-2027")]
    [InlineData("a~", "a\u007f")]
    [InlineData("a\U0010FFFF", "b")]
    [InlineData("a\uD7FF", "a\uE000")]
    [InlineData("a\uFFFF", "a\U00010000")]
    public void The_end_of_a_prefix_is_the_least_key_above_all_keys_that_start_with_it(string prefix, string end)
    {
        Assert.Equal(end, KeyPrefix.End(prefix));
    }

    [Fact]
    public void An_empty_prefix_or_one_of_the_last_character_only_has_no_end()
    {
        Assert.Null(KeyPrefix.End(string.Empty));
        Assert.Null(KeyPrefix.End("\U0010FFFF\U0010FFFF"));
    }

    [Fact]
    public void A_prefix_with_a_lone_surrogate_is_refused()
    {
        Assert.Throws<ArgumentException>(() => KeyPrefix.End("a\uD800"));
    }
}

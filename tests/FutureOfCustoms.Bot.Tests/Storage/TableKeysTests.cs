using FutureOfCustoms.Bot.Storage.AzureTables;

namespace FutureOfCustoms.Bot.Tests.Storage;

public sealed class TableKeysTests
{
    [Theory]
    [InlineData("19:abc@thread.tacv2;messageid=1700000000000", "19:abc@thread.tacv2;messageid=1700000000000")]
    [InlineData("a/b\\c#d?e", "a~2Fb~5Cc~23d~3Fe")]
    [InlineData("~", "~7E")]
    [InlineData("é", "~C3~A9")]
    [InlineData("", "")]
    public void Keys_encode_readably_and_decode_back(string key, string encoded)
    {
        Assert.Equal(encoded, TableKeys.Encode(key));
        Assert.Equal(key, TableKeys.Decode(encoded));
    }

    [Fact]
    public void A_key_too_long_for_azure_tables_is_refused_with_its_length()
    {
        var error = Assert.Throws<ArgumentException>(() => TableKeys.Encode(new string('/', 200)));

        Assert.Contains("600 characters", error.Message, StringComparison.Ordinal);
    }
}

using FutureOfCustoms.Bot.Commands;

namespace FutureOfCustoms.Bot.Tests.Commands;

public sealed class UserRefTests
{
    [Fact]
    public void A_member_is_known_by_their_Entra_object_id_in_every_chat()
        => Assert.Equal("aad-1", new UserRef("29:channel-id", "Ana", "aad-1").Key);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void A_member_without_an_Entra_object_id_is_known_by_their_channel_id(string? aadObjectId)
        => Assert.Equal("29:channel-id", new UserRef("29:channel-id", "Ana", aadObjectId).Key);

    [Fact]
    public void The_key_is_not_stored_with_the_member()
        => Assert.DoesNotContain("key", System.Text.Json.JsonSerializer.Serialize(new UserRef("29:channel-id", "Ana", "aad-1")), StringComparison.OrdinalIgnoreCase);
}

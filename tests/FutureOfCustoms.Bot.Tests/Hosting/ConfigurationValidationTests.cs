using FutureOfCustoms.Bot.Tests.Support;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Tests.Hosting;

public sealed class ConfigurationValidationTests
{
    [Theory]
    [InlineData("Bot:Moderators:0", "matome@wco", "Bot:Moderators must list Entra object ids")]
    [InlineData("MicrosoftAppId", "my-bot", "MicrosoftAppId must be the bot's Entra application (client) id")]
    [InlineData("Storage:Provider", "Sqlite", null)]
    [InlineData("Storage:Sqlite:Path", " ", "Storage:Sqlite:Path must name the SQLite database file")]
    [InlineData("Connector:MaxAttempts", "0", "Connector:MaxAttempts must be between 1 (no retry) and 10")]
    [InlineData("Connector:Timeout", "00:00:00", "Connector:Timeout must be between")]
    [InlineData("RateLimits:Votes", "0", "RateLimits:Questions, Suggestions, Answers and Votes must each be between 1 and 10000")]
    [InlineData("RateLimits:Window", "00:00:00", "RateLimits:Window must be between")]
    public void Bad_settings_stop_the_start_with_a_clear_message(string key, string value, string? expected)
    {
        using var factory = new BotApplicationFactory(new Dictionary<string, string?> { [key] = value });

        var start = Record.Exception(() => factory.CreateClient());

        if (expected is null)
        {
            Assert.Null(start);
        }
        else
        {
            var error = Assert.IsType<OptionsValidationException>(start);
            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_app_id_without_allowed_tenants_stops_the_start_with_a_clear_message()
    {
        using var factory = new BotApplicationFactory(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = "11111111-2222-3333-4444-555555555555",
            ["MicrosoftAppPassword"] = "not-a-real-secret",
        });

        var error = Assert.IsType<OptionsValidationException>(Record.Exception(() => factory.CreateClient()));

        Assert.Contains("Bot:AllowedTenants is required when MicrosoftAppId is set", error.Message, StringComparison.Ordinal);
    }
}

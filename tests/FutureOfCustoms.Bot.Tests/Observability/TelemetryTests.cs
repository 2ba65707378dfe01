using System.Net;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace FutureOfCustoms.Bot.Tests.Observability;

[Collection(TelemetryTestsRunAlone.Name)]
public sealed class TelemetryTests
{
    private static readonly OutgoingMessage Hello = OutgoingMessage.FromText("Hello");

    [Fact]
    public async Task Turns_are_counted_and_timed_by_verb_with_one_span_each()
    {
        var capture = new TelemetryCapture();
        await using var bot = new TestBot(capture.Configure);
        capture.Start(bot.Services);

        await bot.SendTextAsync("help");
        await bot.SendTextAsync("help");
        await bot.SendTextAsync("What is a single window?");

        Assert.Equal(2, capture.Total("bot.turns", ("verb", "help")));
        Assert.Equal(1, capture.Total("bot.turns", ("verb", "ask")));
        Assert.Equal(3, capture.Total("bot.turn.duration"));
        Assert.Equal(2, capture.FlushedSpans().Count(s => s.DisplayName == "turn help" && (string?)s.GetTagItem("bot.verb") == "help"));
    }

    [Fact]
    public async Task Answers_are_counted_as_found_or_declined()
    {
        var capture = new TelemetryCapture();
        await using var bot = new TestBot(capture.Configure);
        capture.Start(bot.Services);

        await bot.SendTextAsync("What is a single window?");
        await bot.SendTextAsync("zzqx wibble frobnicate");

        Assert.Equal(2, capture.Total("bot.answers"));
        Assert.Equal(2, capture.Total("bot.answers", ("outcome", "found")) + capture.Total("bot.answers", ("outcome", "declined")));
        Assert.True(capture.Total("bot.answers", ("outcome", "declined")) >= 1, "The nonsense question was not counted as declined.");
    }

    [Fact]
    public async Task A_member_over_a_rate_limit_is_counted()
    {
        var capture = new TelemetryCapture();
        await using var bot = new TestBot(capture.Configure, new Dictionary<string, string?> { ["RateLimits:Questions"] = "1", ["RateLimits:Window"] = "01:00:00" });
        capture.Start(bot.Services);

        await bot.SendTextAsync("What is a single window?");
        await bot.SendTextAsync("What is a data model?");

        Assert.Equal(1, capture.Total("bot.member.limited", ("verb", "ask")));
        Assert.Equal(2, capture.Total("bot.turns", ("verb", "ask")));
    }

    [Fact]
    public async Task Connector_sends_are_counted_by_outcome_with_retries_and_429s()
    {
        var capture = new TelemetryCapture();
        await using var teams = await FaultyTeams.StartInTeamAsync(FaultyTeams.ShortTimeout, configure: capture.Configure);
        capture.Start(teams.Bot.Services);
        await teams.WarmUpAsync();
        teams.Connector.Fail(HttpStatusCode.TooManyRequests);
        await teams.RunAsync(() => teams.Messenger.SendAsync(TestBot.ChannelConversationId, Hello, CancellationToken.None));
        teams.Connector.TimeOut();
        await Assert.ThrowsAsync<FutureOfCustoms.Bot.Messaging.DeliveryUnknownException>(() => teams.RunAsync(() => teams.Messenger.SendAsync(TestBot.ChannelConversationId, Hello, CancellationToken.None)));

        Assert.Equal(1, capture.Total("bot.connector.calls", ("kind", "new-message"), ("outcome", "ok")));
        Assert.Equal(1, capture.Total("bot.connector.calls", ("kind", "new-message"), ("outcome", "unknown")));
        Assert.Equal(1, capture.Total("bot.connector.retries", ("kind", "new-message"), ("status", 429)));
        Assert.Equal(1, capture.Total("bot.connector.throttled"));
    }

    [Fact]
    public void Telemetry_is_off_by_default_and_on_with_an_OTLP_endpoint()
    {
        using var off = new BotApplicationFactory();
        using var on = new BotApplicationFactory(new Dictionary<string, string?> { ["Telemetry:OtlpEndpoint"] = "http://127.0.0.1:4317" });

        Assert.Null(off.Services.GetService<TracerProvider>());
        Assert.NotNull(on.Services.GetService<TracerProvider>());
    }

    [Fact]
    public void Azure_Monitor_is_on_with_a_connection_string()
    {
        using var on = new BotApplicationFactory(new Dictionary<string, string?>
        {
            ["Telemetry:AzureMonitorConnectionString"] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/",
        });

        Assert.NotNull(on.Services.GetService<TracerProvider>());
        Assert.NotNull(on.Services.GetService<OpenTelemetry.Metrics.MeterProvider>());
    }
}

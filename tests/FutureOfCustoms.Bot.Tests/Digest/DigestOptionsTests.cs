using FutureOfCustoms.Bot.Digest;

namespace FutureOfCustoms.Bot.Tests.Digest;

public sealed class DigestOptionsTests
{
    [Fact]
    public void A_five_field_schedule_is_read_in_minutes()
    {
        var options = new DigestOptions { Schedule = "0 9 * * 1" };

        var next = options.Cron.GetNextOccurrence(new DateTime(2026, 11, 26, 12, 0, 5, DateTimeKind.Utc));

        Assert.True(options.HasValidSchedule());
        Assert.Equal(new DateTime(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc), next);
    }

    [Fact]
    public void A_six_field_schedule_puts_seconds_first()
    {
        var options = new DigestOptions { Schedule = "*/20 * * * * *" };

        var next = options.Cron.GetNextOccurrence(new DateTime(2026, 11, 26, 12, 0, 5, DateTimeKind.Utc));

        Assert.True(options.HasValidSchedule());
        Assert.Equal(new DateTime(2026, 11, 26, 12, 0, 20, DateTimeKind.Utc), next);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0 9 * *")]
    [InlineData("0 0 9 * * 1 2026")]
    [InlineData("every monday")]
    public void Anything_else_is_refused(string schedule)
        => Assert.False(new DigestOptions { Schedule = schedule }.HasValidSchedule());
}

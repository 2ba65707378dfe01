using Cronos;

namespace FutureOfCustoms.Bot.Digest;

/// <summary>What a digest says when nothing happened in its period.</summary>
public enum QuietWeek
{
    /// <summary>One short line, so the group knows the bot is alive.</summary>
    Line,

    /// <summary>No post at all.</summary>
    Nothing,
}

/// <summary>The "Digest" section: when the weekly digest goes out and how it looks.</summary>
public sealed class DigestOptions
{
    public const string SectionName = "Digest";

    /// <summary>Five-field cron expression, read in <see cref="TimeZone"/>; a sixth, leading field gives seconds (for tests and trials).</summary>
    public string Schedule { get; set; } = "0 9 * * 1";

    /// <summary>IANA zone the schedule and the card's dates are in; the WCO sits in Brussels.</summary>
    public string TimeZone { get; set; } = "Europe/Brussels";

    public QuietWeek QuietWeek { get; set; } = QuietWeek.Line;

    /// <summary>Whether teams get a scheduled digest until a moderator says `digest off`.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Lines a section shows before "and N more".</summary>
    public int MaxLinesPerSection { get; set; } = 8;

    /// <summary>A claim older than this is taken over: the instance that made it is assumed to have died.</summary>
    public TimeSpan StaleClaimAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Longest wait between two checks, so a failed digest is retried and new teams are picked up.</summary>
    public TimeSpan Tick { get; set; } = TimeSpan.FromMinutes(1);

    internal CronExpression Cron => CronExpression.Parse(Schedule, Schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);

    internal TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    internal bool HasValidSchedule()
    {
        try
        {
            _ = Cron;
            return true;
        }
        catch (CronFormatException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    internal bool HasValidZone()
    {
        try
        {
            _ = Zone;
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            return false;
        }
    }
}

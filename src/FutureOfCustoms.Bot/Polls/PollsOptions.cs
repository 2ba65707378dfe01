namespace FutureOfCustoms.Bot.Polls;

public sealed class PollsOptions
{
    public const string SectionName = "Polls";

    public const string DefaultTimeZone = "Europe/Brussels";

    /// <summary>
    /// Secret key of the keyed hash that stands for a voter in anonymous polls (at least 32 characters).
    /// Empty: a random key is generated once and kept in the store.
    /// </summary>
    public string? BallotKey { get; set; }

    /// <summary>How often the closing service looks for polls whose closing time has passed.</summary>
    public TimeSpan CloseCheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a conversation's roster is reused for "n of N members" and refresh.userIds.</summary>
    public TimeSpan RosterCacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Votes within this delay are shown on the shared card with one update (Teams rate-limits edits).</summary>
    public TimeSpan SharedCardUpdateDelay { get; set; } = TimeSpan.FromSeconds(3);
}

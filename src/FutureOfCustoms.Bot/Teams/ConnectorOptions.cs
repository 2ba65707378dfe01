namespace FutureOfCustoms.Bot.Teams;

/// <summary>
/// The "Connector" section: how long a call to the Bot Connector may take and how throttling (429) and
/// transient failures (5xx, timeouts) are retried before the call is given up.
/// </summary>
public sealed class ConnectorOptions
{
    public const string SectionName = "Connector";

    /// <summary>The named HttpClient the connector calls go through; it carries <see cref="Timeout"/>.</summary>
    internal const string HttpClientName = "BotConnector";

    /// <summary>A call not answered within this is abandoned: an update or read is retried, a new message ends unknown (never sent again).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts of one call, the first included.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Ceiling of the first backoff; it doubles with each attempt (full jitter).</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Highest ceiling of a backoff.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest Retry-After honoured: a larger one is cut to this, so one call never stalls a sender for long.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);
}

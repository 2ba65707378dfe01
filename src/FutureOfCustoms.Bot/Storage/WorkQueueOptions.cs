namespace FutureOfCustoms.Bot.Storage;

/// <summary>The "WorkQueue" section: how background work is leased, retried and given up.</summary>
public sealed class WorkQueueOptions
{
    public const string SectionName = "WorkQueue";

    /// <summary>How long a claim lasts; longer than any one piece of work takes, since a holder that died blocks its item this long.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Claims of one item, the first included, before it becomes a dead letter.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait before the second attempt; it doubles with each attempt up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often an idle instance looks for due work.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
}

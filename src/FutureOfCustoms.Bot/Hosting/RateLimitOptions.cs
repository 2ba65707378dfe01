namespace FutureOfCustoms.Bot.Hosting;

/// <summary>
/// The "RateLimits" section: how many questions, suggestions, answers and votes one member may send per
/// <see cref="Window"/>. Each member has their own allowance, so one member's flood slows nobody else.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    public int Questions { get; set; } = 20;

    public int Suggestions { get; set; } = 10;

    public int Answers { get; set; } = 30;

    public int Votes { get; set; } = 60;

    /// <summary>Turns of one member handled at the same moment; more wait their turn (Teams sends one member's turns one by one anyway).</summary>
    public int TurnsAtOncePerMember { get; set; } = 1;

    /// <summary>Turns of one member allowed to wait; past this they are refused.</summary>
    public int QueuedTurnsPerMember { get; set; } = 16;

    /// <summary>
    /// The limited verbs (those that store what a member sends) and the allowance each draws on; opening a form,
    /// browsing, help and moderators' commands are not limited.
    /// </summary>
    internal IReadOnlyDictionary<string, (string Bucket, int Limit)> Buckets => new Dictionary<string, (string, int)>(StringComparer.Ordinal)
    {
        ["ask"] = ("questions", Questions),
        ["suggestions.submit"] = ("suggestions", Suggestions),
        ["discussion.save"] = ("answers", Answers),
        ["poll.vote"] = ("votes", Votes),
    };
}

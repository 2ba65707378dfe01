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

    /// <summary>The limited verbs and the allowance each draws on; other verbs (help, browsing, moderators' commands) are not limited.</summary>
    internal IReadOnlyDictionary<string, (string Bucket, int Limit)> Buckets => new Dictionary<string, (string, int)>(StringComparer.Ordinal)
    {
        ["ask"] = ("questions", Questions),
        ["suggest"] = ("suggestions", Suggestions),
        ["suggestions.submit"] = ("suggestions", Suggestions),
        ["discussion.answer"] = ("answers", Answers),
        ["discussion.save"] = ("answers", Answers),
        ["poll.vote"] = ("votes", Votes),
    };
}

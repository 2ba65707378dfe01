namespace FutureOfCustoms.Bot.Digest;

/// <summary>The stretch of time a digest covers: from the previous digest (inclusive) to this one (exclusive), UTC.</summary>
public sealed record DigestPeriod(DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>
    /// True for the moderator's own preview; false for what the whole channel reads. A section may show the moderator
    /// what members wrote (their questions word for word) but gives the channel only a summary.
    /// </summary>
    public bool ForModerator { get; init; }
}

/// <summary>
/// One section of the weekly digest, written by the feature it reports on. Lines are plain text (the card
/// renderer escapes them); the digest keeps the card under Teams' size limit by cutting long lists to
/// "and N more". <see cref="ActionVerb"/> is a routing-table verb for the section's button.
/// </summary>
public sealed record DigestSection(string Title, IReadOnlyList<string> Lines, string? ActionTitle = null, string? ActionVerb = null);

/// <summary>
/// A feature's contribution to the digest. Each feature registers its own source; a feature that is not
/// there simply has no section, and a source returns null for a period in which nothing happened.
/// </summary>
public interface IDigestSource
{
    /// <summary>Where the section stands in the digest: lower first.</summary>
    int Order { get; }

    Task<DigestSection?> ComposeAsync(DigestPeriod period, CancellationToken cancellationToken);
}

using System.Globalization;
using FutureOfCustoms.Bot.Storage;

namespace FutureOfCustoms.Bot.Digest;

/// <summary>A team's digest settings, written only when a moderator changes something or Teams refuses a post.</summary>
public sealed record DigestTeam
{
    public required string TeamId { get; init; }

    /// <summary>The channel the moderator chose with `digest here`; null: where the bot was added.</summary>
    public string? ChannelId { get; init; }

    /// <summary>Null: the configured default.</summary>
    public bool? Enabled { get; init; }

    /// <summary>Why the schedule stopped by itself (e.g. the bot was removed from the team); `digest on` clears it.</summary>
    public string? StoppedReason { get; init; }
}

public enum DigestPeriodState
{
    Claimed,
    Sent,

    /// <summary>Nothing happened and the quiet-week setting says to post nothing.</summary>
    Skipped,
    Failed,

    /// <summary>A failed period that a later, longer period took over.</summary>
    Superseded,

    /// <summary>
    /// Teams never answered the post (a timeout, or the bot stopped mid-post): it may be in the channel. Never
    /// posted again blindly; the next period starts after it and the moderator is told.
    /// </summary>
    Unknown,
}

/// <summary>
/// One period of one team: claimed before sending and marked after, so each period is posted once even
/// with two instances on one store. Its id is the period's end, so two instances claiming the same
/// occurrence collide on insert.
/// </summary>
public sealed record DigestPeriodRecord
{
    public required DateTimeOffset Start { get; init; }

    public required DateTimeOffset End { get; init; }

    public required DigestPeriodState State { get; init; }

    public required DateTimeOffset ClaimedAt { get; init; }

    public required string ClaimedBy { get; init; }

    public int Attempts { get; init; }

    public string? MessageId { get; init; }

    public string? LastError { get; init; }

    public bool IsDone => State is DigestPeriodState.Sent or DigestPeriodState.Skipped or DigestPeriodState.Unknown;
}

internal sealed class DigestStore(IDocumentStore store)
{
    private const string Teams = "digest-teams";
    private const string Periods = "digest-periods";

    // A group has one or two teams: one partition lists them all cheaply.
    private const string AllTeams = "all";

    public async Task<DigestTeam?> GetTeamAsync(string teamId, CancellationToken cancellationToken)
        => (await store.GetAsync<DigestTeam>(Teams, AllTeams, teamId, cancellationToken))?.Value;

    public async Task<IReadOnlyList<DigestTeam>> ListTeamsAsync(CancellationToken cancellationToken)
        => [.. (await store.ListAsync<DigestTeam>(Teams, AllTeams, cancellationToken)).Select(d => d.Value)];

    public Task<DigestTeam?> UpdateTeamAsync(string teamId, Func<DigestTeam, DigestTeam> change, CancellationToken cancellationToken)
        => store.UpdateAsync<DigestTeam>(Teams, AllTeams, teamId, existing => change(existing ?? new DigestTeam { TeamId = teamId }), cancellationToken);

    /// <summary>The team's latest period (ids sort by end), with its ETag for a takeover.</summary>
    public async Task<StoredDocument<DigestPeriodRecord>?> LatestPeriodAsync(string teamId, CancellationToken cancellationToken)
        => (await store.ListAsync<DigestPeriodRecord>(Periods, teamId, cancellationToken))
            .Where(d => d.Value.State != DigestPeriodState.Superseded)
            .MaxBy(d => d.Value.End);

    /// <summary>
    /// Claims a period: a new record, or a takeover of <paramref name="previous"/> (failed or stale) by its
    /// ETag. False when another instance got there first. A takeover with a later end supersedes the old
    /// record in the same atomic batch, so the missed stretch is posted once, as one digest.
    /// </summary>
    public async Task<bool> TryClaimAsync(string teamId, DigestPeriodRecord claim, StoredDocument<DigestPeriodRecord>? previous, CancellationToken cancellationToken)
    {
        var id = IdOf(claim.End);
        List<StoreOperation> operations = previous is null
            ? [StoreOperation.Insert(id, claim)]
            : previous.Id == id
                ? [StoreOperation.Replace(id, claim, previous.ETag)]
                : [StoreOperation.Replace(previous.Id, previous.Value with { State = DigestPeriodState.Superseded }, previous.ETag), StoreOperation.Insert(id, claim)];
        try
        {
            await store.ExecuteAsync(Periods, teamId, operations, cancellationToken);
            return true;
        }
        catch (StoreConflictException)
        {
            return false;
        }
    }

    public Task FinishAsync(string teamId, DateTimeOffset end, Func<DigestPeriodRecord, DigestPeriodRecord> change, CancellationToken cancellationToken)
        => store.UpdateAsync<DigestPeriodRecord>(Periods, teamId, IdOf(end), existing => existing is null ? null : change(existing), cancellationToken);

    private static string IdOf(DateTimeOffset end) => end.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
}

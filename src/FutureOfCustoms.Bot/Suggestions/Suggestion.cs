using FutureOfCustoms.Bot.Commands;

namespace FutureOfCustoms.Bot.Suggestions;

/// <summary>The three lists of Annex II a suggested topic can belong to (the document's lists a, b and c).</summary>
internal enum SuggestionKind
{
    /// <summary>Annex II a): a research area no WCO committee covers yet.</summary>
    NewResearchArea,

    /// <summary>Annex II b): a topic the WCO already deals with.</summary>
    AlreadyDealtWith,

    /// <summary>Annex II c): an additional question about the mandate or governance.</summary>
    AdditionalQuestion,
}

internal enum SuggestionStatus
{
    Pending,
    Accepted,
    Merged,
    Declined,
    Withdrawn,
}

/// <summary>Who suggested: the Entra object id identifies them across chats; the channel id reaches them 1:1.</summary>
internal sealed record SuggestionAuthor(string Id, string Name, string? AadObjectId)
{
    public string Key => UserRef.KeyOf(Id, AadObjectId);
}

/// <summary>What a member typed into the suggestion card, validated.</summary>
internal sealed record SuggestionFields(
    string Title,
    string Why,
    SuggestionKind Kind,
    IReadOnlyList<string> BuildingBlocks,
    IReadOnlyList<string> Bodies,
    string Administration,
    bool Volunteer);

/// <param name="ConversationId">Where it was suggested; with <paramref name="CardMessageId"/> the card a review updates.</param>
internal sealed record Suggestion(
    string Id,
    int Number,
    SuggestionFields Fields,
    SuggestionAuthor Author,
    string ConversationId,
    string? TenantId,
    string? CardMessageId,
    DateTimeOffset CreatedAt,
    SuggestionStatus Status = SuggestionStatus.Pending,
    DateTimeOffset? EditedAt = null,
    DateTimeOffset? StatusChangedAt = null,
    string? ReviewerName = null,
    string? ReviewReason = null,
    string? MergedIntoId = null,
    string? MergedIntoTitle = null)
{
    /// <summary>The catalogue and index id of an accepted suggestion.</summary>
    public string TopicId => "suggestion-" + Id;
}

using System.Collections.Concurrent;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Messaging;
using FutureOfCustoms.Bot.Storage;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace FutureOfCustoms.Bot.Teams;

/// <summary>
/// Conversation references of every conversation the bot is in, stored on install and on each turn so
/// proactive messages work after a restart; a channel is kept once, not per thread. A turn writes only when the reference changed
/// (who spoke aside) and the store does not hold it yet, keeping the store off the hot path of every message.
/// </summary>
internal sealed class ConversationReferenceStore(IDocumentStore store, TimeProvider time) : IConversationDirectory
{
    private const string Collection = "conversations";
    private const string PersonalChats = "personal-chats";

    // A group has a handful of conversations: one partition keeps lookups by id and listing both cheap.
    private const string AllConversations = "all";
    private readonly ConcurrentDictionary<string, string> _written = new(StringComparer.Ordinal);

    public async Task RememberAsync(IActivity activity, bool installed, CancellationToken cancellationToken)
    {
        var conversation = ChannelLevel(TurnMapping.ToConversationRef(activity));
        var reference = activity.GetConversationReference();

        // Who spoke is no reason to write: a hundred members voting at once in a channel would all rewrite its
        // one document, and on a shared store (several instances) the losers of that race would fail their turn.
        // The fingerprint is what the stored reference holds apart from who spoke, compared before any serializing.
        var fingerprint = string.Join(
            '|', installed, conversation, reference.ChannelId, reference.ServiceUrl, reference.Locale, reference.Bot?.Id, reference.Bot?.Name,
            reference.Conversation?.ConversationType, reference.Conversation?.IsGroup, reference.Conversation?.Name, reference.Conversation?.TenantId);
        if (_written.TryGetValue(conversation.Id, out var last) && last == fingerprint)
        {
            return;
        }

        // The reference shares the activity's ConversationAccount: change a copy, never the turn's own.
        reference.Conversation = JsonConvert.DeserializeObject<ConversationAccount>(JsonConvert.SerializeObject(reference.Conversation))!;
        reference.Conversation.Id = conversation.Id;
        reference.ActivityId = null;
        var json = JsonConvert.SerializeObject(reference);
        var shared = WithoutUser(json);

        var now = time.GetUtcNow();
        await store.UpdateAsync<ConversationRecord>(Collection, AllConversations, conversation.Id, existing =>
            existing is not null && existing.Conversation == KeepKnown(existing.Conversation, conversation) && (existing.Installed || !installed) && WithoutUser(existing.ReferenceJson) == shared
                ? null
                : (existing ?? new ConversationRecord { Conversation = conversation, ReferenceJson = json, FirstSeenAt = now }) with
                {
                    Conversation = KeepKnown(existing?.Conversation, conversation),
                    ReferenceJson = json,
                    LastSeenAt = now,
                    Installed = installed || (existing?.Installed ?? true),
                },
            cancellationToken);

        if (conversation.Kind == ConversationKind.Personal && activity.From?.AadObjectId is { Length: > 0 } userId)
        {
            await store.UpsertAsync(PersonalChats, PartitionOf(conversation.TenantId), userId, new PersonalChat(conversation.Id), cancellationToken);
        }

        _written[conversation.Id] = fingerprint;
    }

    /// <summary>Marks a conversation the bot was removed from; its reference is kept for the record.</summary>
    public async Task ForgetAsync(IActivity activity, CancellationToken cancellationToken)
    {
        var conversation = ChannelLevel(TurnMapping.ToConversationRef(activity));
        _written.TryRemove(conversation.Id, out _);
        await store.UpdateAsync<ConversationRecord>(Collection, AllConversations, conversation.Id, existing => existing is null ? null : existing with { Installed = false, LastSeenAt = time.GetUtcNow() }, cancellationToken);
    }

    /// <summary>Records that the welcome card was sent; false when it had been already (install events come twice).</summary>
    public async Task<bool> TryMarkWelcomedAsync(IActivity activity, CancellationToken cancellationToken)
    {
        var conversation = ChannelLevel(TurnMapping.ToConversationRef(activity));
        var first = false;
        await store.UpdateAsync<ConversationRecord>(Collection, AllConversations, conversation.Id, existing =>
        {
            first = existing is not null && existing.WelcomedAt is null;
            return first ? existing! with { WelcomedAt = time.GetUtcNow() } : null;
        }, cancellationToken);
        return first;
    }

    public async Task<IReadOnlyList<KnownConversation>> ListAsync(CancellationToken cancellationToken)
        => [.. (await store.ListAsync<ConversationRecord>(Collection, AllConversations, cancellationToken)).Select(d => d.Value.ToKnown())];

    public async Task<KnownConversation?> FindAsync(string conversationId, CancellationToken cancellationToken)
        => (await FindRecordAsync(conversationId, cancellationToken))?.ToKnown();

    internal async Task<ConversationReference?> FindReferenceAsync(string conversationId, CancellationToken cancellationToken)
        => (await FindRecordAsync(conversationId, cancellationToken)) is { } record
            ? JsonConvert.DeserializeObject<ConversationReference>(record.ReferenceJson)
            : null;

    internal async Task<string?> FindPersonalChatAsync(string? tenantId, string aadObjectId, CancellationToken cancellationToken)
        => (await store.GetAsync<PersonalChat>(PersonalChats, PartitionOf(tenantId), aadObjectId, cancellationToken))?.Value.ConversationId;

    /// <summary>Any reference in the tenant: its service URL and bot identity open new 1:1 chats.</summary>
    internal async Task<ConversationReference?> AnyReferenceAsync(string? tenantId, CancellationToken cancellationToken)
    {
        var latest = (await store.ListAsync<ConversationRecord>(Collection, AllConversations, cancellationToken))
            .Select(d => d.Value)
            .Where(r => tenantId is null || r.Conversation.TenantId == tenantId)
            .MaxBy(r => r.LastSeenAt);
        return latest is null ? null : JsonConvert.DeserializeObject<ConversationReference>(latest.ReferenceJson);
    }

    private async Task<ConversationRecord?> FindRecordAsync(string conversationId, CancellationToken cancellationToken)
        => (await store.GetAsync<ConversationRecord>(Collection, AllConversations, TurnMapping.WithoutThread(conversationId), cancellationToken))?.Value;

    private static string WithoutUser(string referenceJson)
    {
        var reference = JsonConvert.DeserializeObject<ConversationReference>(referenceJson)!;
        reference.User = null;
        return JsonConvert.SerializeObject(reference);
    }

    /// <summary>
    /// Some events (app installs, client-side updates) arrive without the team's channel data; they must not
    /// erase what an earlier activity told about the conversation, or the team's channel would be lost.
    /// </summary>
    private static ConversationRef KeepKnown(ConversationRef? known, ConversationRef incoming)
        => known is null || incoming.TeamId is not null || known.TeamId is null
            ? incoming with { TenantId = incoming.TenantId ?? known?.TenantId }
            : known with { TenantId = incoming.TenantId ?? known.TenantId };

    private static ConversationRef ChannelLevel(ConversationRef conversation) => conversation with { Id = TurnMapping.WithoutThread(conversation.Id) };

    private static string PartitionOf(string? tenantId) => string.IsNullOrEmpty(tenantId) ? "no-tenant" : tenantId;

    internal sealed record ConversationRecord
    {
        public required ConversationRef Conversation { get; init; }

        public required string ReferenceJson { get; init; }

        public DateTimeOffset FirstSeenAt { get; init; }

        public DateTimeOffset LastSeenAt { get; init; }

        public bool Installed { get; init; } = true;

        public DateTimeOffset? WelcomedAt { get; init; }

        public KnownConversation ToKnown() => new(Conversation, FirstSeenAt, LastSeenAt, Installed);
    }

    internal sealed record PersonalChat(string ConversationId);
}

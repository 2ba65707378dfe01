using System.Text;
using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Tests.Support;

namespace FutureOfCustoms.Bot.Tests.Hostile;

/// <summary>One request body as the fuzzer sends it: raw bytes, so malformed JSON and odd content types are possible.</summary>
internal sealed record FuzzInput(string Kind, byte[] Body, string? ContentType)
{
    public override string ToString() => $"{Kind} ({Body.Length} bytes, {ContentType ?? "no content type"}): {Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 300))}";
}

/// <summary>
/// Generated and mutated Teams activities, reproducible from a seed. The verbs come from the routing table,
/// so every feature's verbs are fuzzed as soon as they are registered.
/// <see cref="Invalid"/> yields only inputs that must change nothing (malformed, unknown or forged verbs,
/// moderator verbs by a member); <see cref="Plausible"/> yields inputs a feature may legitimately accept.
/// </summary>
internal sealed class ActivityFuzzer(int seed, CommandCatalog catalog, Uri connector)
{
    private const string DeepMarker = "\"__deep__\"";
    private static readonly string[] ActivityTypes = ["message", "invoke", "event", "conversationUpdate", "installationUpdate", "messageReaction", "typing", "endOfConversation", "trace", "handoff", "messageUpdate", "messageDelete", "command", "", " ", "MESSAGE", "unknownType"];
    private static readonly string[] InvokeNames = ["adaptiveCard/action", "task/fetch", "task/submit", "composeExtension/query", "signin/verifyState", "fileConsent/invoke", "actionableMessage/executeAction", "healthCheck", "", "unknown/name"];
    private static readonly string[] ConversationTypes = ["personal", "groupChat", "channel", "", "meeting", "CHANNEL", "unknown"];
    // Not "text": text given to a refused action would make it a real question, which the bot rightly records.
    private static readonly string[] Fields = ["from", "recipient", "conversation", "channelData", "value", "id", "serviceUrl", "channelId", "type", "name", "locale", "entities", "attachments", "replyToId", "timestamp"];
    private static readonly string[] IdFields = ["id", "suggestionId", "pollId", "optionId", "questionId", "answerId", "topicId", "itemId", "ballotId"];
    private static readonly string[] ContentTypes = ["text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream", "application/json; charset=utf-16"];

    private readonly Random _random = new(seed);
    private readonly string[] _allVerbs = [.. catalog.All.Select(d => d.Verb)];
    private readonly string[] _moderatorVerbs = [.. catalog.All.Where(d => d.ModeratorOnly).Select(d => d.Verb)];
    private readonly string[] _memberVerbs = [.. catalog.All.Where(d => !d.ModeratorOnly).Select(d => d.Verb)];
    private readonly string[] _moderatorTexts = [.. catalog.All.Where(d => d.ModeratorOnly && d.Text is not null).Select(d => d.Text!)];

    /// <summary>Inputs that must be answered without a 5xx and must not change any stored data but bookkeeping.</summary>
    public IEnumerable<FuzzInput> Invalid(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return (i % 14) switch
            {
                0 => WrongType(),
                1 => MissingOrMistypedField(),
                2 => InvalidJsonBody(),
                3 => WrongContentType(),
                4 => UnknownVerb(CommandSource.Execute),
                5 => UnknownVerb(CommandSource.Submit),
                6 => MalformedCardPayload(),
                7 => ModeratorVerbByMember(),
                8 => WrongConversation(),
                9 => i % 700 == 9 ? DeepJson() : MissingOrMistypedField(),
                10 => ForgedUnknownVerbIds(),
                11 => HugeIds(),
                12 => i % 500 == 12 ? HugeInvalidText() : WrongType(),
                _ => InvalidJsonBody(),
            };
        }
    }

    /// <summary>Mutated but plausible inputs (free text, member verbs with random data): no 5xx, whatever they do.</summary>
    public IEnumerable<FuzzInput> Plausible(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return (i % 5) switch
            {
                0 => Json("random-text", Message(RandomText(i % 400 == 0 ? 1_000_000 : _random.Next(0, 300)))),
                1 => MemberVerb(CommandSource.Execute),
                2 => MemberVerb(CommandSource.Submit),
                3 => Json("catalogue-text", Message(RandomCommandText())),
                _ => Json("channel-text", Message($"<at>Future of Customs</at> {RandomCommandText()}", conversationType: "channel", conversationId: $"19:fuzz@thread.tacv2;messageid={_random.Next()}")),
            };
        }
    }

    private FuzzInput WrongType()
    {
        var activity = Message("help");
        activity["type"] = Pick(ActivityTypes) is var type && _random.Next(5) == 0 ? JsonValue.Create(_random.Next()) : type;
        if (_random.Next(2) == 0)
        {
            activity["name"] = Pick(InvokeNames);
            activity["value"] = RandomNode(3);
        }

        activity.Remove("text");
        return Json("wrong-type", activity);
    }

    private FuzzInput MissingOrMistypedField()
    {
        // Built on an action no member may take, so whatever field breaks, the input stays invalid.
        var activity = _random.Next(2) == 0 ? Invoke(UnknownVerbName(), RandomData()) : Submit(Pick(_moderatorVerbs.Length > 0 ? _moderatorVerbs : [UnknownVerbName()]));
        var broken = 1 + _random.Next(3);
        for (var i = 0; i < broken; i++)
        {
            var field = Pick(Fields);
            switch (_random.Next(3))
            {
                case 0: activity.Remove(field); break;
                case 1: activity[field] = null; break;
                default: activity[field] = RandomScalarOrArray(); break;
            }
        }

        return Json("missing-field", activity);
    }

    private FuzzInput InvalidJsonBody()
    {
        var valid = Message("help").ToJsonString();
        string body = _random.Next(8) switch
        {
            0 => valid[..(_random.Next(valid.Length))],
            1 => string.Empty,
            2 => "null",
            3 => "[]",
            4 => _random.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            5 => "\"" + RandomText(50) + "\"",
            6 => valid.Replace("\"type\":\"message\"", "\"type\":\"message\",\"type\":", StringComparison.Ordinal),
            _ => Encoding.Latin1.GetString(RandomBytes(_random.Next(1, 2000))),
        };
        return new FuzzInput("invalid-json", Encoding.UTF8.GetBytes(body), "application/json");
    }

    private FuzzInput WrongContentType()
    {
        var input = Json("wrong-content-type", Submit(Pick(_moderatorVerbs.Length > 0 ? _moderatorVerbs : ["status"])));
        return input with { ContentType = _random.Next(6) == 0 ? null : Pick(ContentTypes) };
    }

    private FuzzInput UnknownVerb(CommandSource source)
    {
        var verb = UnknownVerbName();
        return source == CommandSource.Execute
            ? Json("unknown-verb-execute", Invoke(verb, RandomData()))
            : Json("unknown-verb-submit", Submit(verb, RandomData()));
    }

    private FuzzInput ForgedUnknownVerbIds()
    {
        var data = RandomData();
        foreach (var field in IdFields.Where(_ => _random.Next(2) == 0))
        {
            data[field] = ForgedId();
        }

        var activity = Submit(UnknownVerbName(), data);
        activity["replyToId"] = ForgedId();
        activity["id"] = ForgedId();
        return Json("forged-ids", activity);
    }

    private FuzzInput MalformedCardPayload()
    {
        var activity = _random.Next(2) == 0 ? Invoke("help", null) : Submit("help");
        switch (_random.Next(6))
        {
            case 0: activity["value"] = JsonValue.Create(RandomText(40)); break;
            case 1: activity["value"] = new JsonArray(RandomNode(2), RandomNode(2)); break;
            case 2 when activity["type"]!.GetValue<string>() == "invoke": activity["value"]!["action"] = RandomScalarOrArray(); break;
            case 3 when activity["type"]!.GetValue<string>() == "invoke": activity["value"]!["action"]!["data"] = JsonValue.Create(RandomText(20)); break;
            case 4: activity["value"] = new JsonObject { ["verb"] = RandomScalarOrArray() }; break;
            default: activity["value"] = new JsonObject { ["verb"] = new JsonObject { ["verb"] = "status" } }; break;
        }

        return Json("malformed-card", activity);
    }

    private FuzzInput ModeratorVerbByMember()
    {
        if (_moderatorVerbs.Length == 0)
        {
            return UnknownVerb(CommandSource.Execute);
        }

        var member = Pick([TestBot.MemberAadId, TestBot.OtherMemberAadId, Guid.NewGuid().ToString(), string.Empty]);
        var kind = _random.Next(3);
        var activity = kind switch
        {
            0 when _moderatorTexts.Length > 0 => Message(Pick(_moderatorTexts), member),
            1 => Invoke(Pick(_moderatorVerbs), RandomData(), member),
            _ => Submit(Pick(_moderatorVerbs), RandomData(), member),
        };
        return Json("moderator-verb-by-member", activity);
    }

    private FuzzInput WrongConversation()
    {
        var activity = _random.Next(2) == 0 ? Invoke(UnknownVerbName(), RandomData()) : Submit(Pick(_moderatorVerbs.Length > 0 ? _moderatorVerbs : ["status"]));
        var conversation = activity["conversation"]!.AsObject();
        conversation["conversationType"] = Pick(ConversationTypes);
        conversation["id"] = _random.Next(3) switch { 0 => ForgedId(), 1 => "19:other-team@thread.tacv2;messageid=1", _ => string.Empty };
        if (_random.Next(2) == 0)
        {
            conversation["isGroup"] = RandomScalarOrArray();
        }

        if (_random.Next(2) == 0)
        {
            activity["channelData"] = new JsonObject { ["team"] = RandomScalarOrArray(), ["channel"] = new JsonObject { ["id"] = ForgedId() }, ["tenant"] = new JsonObject { ["id"] = "other-tenant" } };
        }

        return Json("wrong-conversation", activity);
    }

    private FuzzInput DeepJson()
    {
        var activity = _random.Next(2) == 0 ? Invoke(UnknownVerbName(), null) : Submit(UnknownVerbName());
        activity["value"] = "__deep__";
        var depth = 5_000;
        var deep = _random.Next(2) == 0
            ? new string('[', depth) + new string(']', depth)
            : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
        var body = activity.ToJsonString().Replace(DeepMarker, deep, StringComparison.Ordinal);
        return new FuzzInput("deep-json", Encoding.UTF8.GetBytes(body), "application/json");
    }

    private FuzzInput HugeIds()
    {
        var activity = Invoke(UnknownVerbName(), RandomData());
        activity["id"] = new string('i', 10_000);
        activity["from"]!["id"] = new string('f', 10_000);
        activity["from"]!["name"] = RandomText(20_000);
        activity["conversation"]!["id"] = "a:" + new string('c', 10_000);
        return Json("huge-ids", activity);
    }

    private FuzzInput HugeInvalidText()
    {
        var activity = Submit(UnknownVerbName(), new JsonObject { ["text"] = new string('z', 1_000_000) });
        activity["text"] = RandomText(1_000_000);
        return Json("huge-text-unknown-verb", activity);
    }

    private FuzzInput MemberVerb(CommandSource source)
    {
        var verb = Pick(_memberVerbs);
        var data = RandomData();
        foreach (var field in IdFields.Where(_ => _random.Next(3) == 0))
        {
            data[field] = ForgedId();
        }

        var member = Pick([TestBot.MemberAadId, TestBot.OtherMemberAadId]);
        return source == CommandSource.Execute ? Json("member-verb-execute", Invoke(verb, data, member)) : Json("member-verb-submit", Submit(verb, data, member));
    }

    private string RandomCommandText()
    {
        var texts = catalog.All.Where(d => d.Text is not null && !d.ModeratorOnly).Select(d => d.Text!).ToArray();
        return $"{Pick(texts)} {RandomText(_random.Next(0, 60))}";
    }

    private static FuzzInput Json(string kind, JsonObject activity) => new(kind, Encoding.UTF8.GetBytes(activity.ToJsonString()), "application/json");

    private JsonObject Message(string text, string aadObjectId = TestBot.MemberAadId, string conversationType = "personal", string? conversationId = null)
    {
        var activity = BotApplicationFactory.TeamsMessage(text, aadObjectId, conversationType, conversationId ?? $"a:personal-fuzz-{_random.Next(50)}");
        // Replies come back in the HTTP response; what still goes through the connector (card updates,
        // proactive notices) reaches a local fake one: the fuzzer never sends traffic off this machine.
        activity["deliveryMode"] = "expectReplies";
        activity["serviceUrl"] = connector.ToString();
        if (_random.Next(4) == 0)
        {
            activity["locale"] = Pick(["fr-FR", "de-DE", "xx", string.Empty, "fr"]);
        }

        return activity;
    }

    private JsonObject Submit(string verb, JsonObject? data = null, string aadObjectId = TestBot.MemberAadId)
    {
        var activity = Message(string.Empty, aadObjectId);
        activity.Remove("text");
        var value = data ?? RandomData();
        value["verb"] = verb;
        activity["value"] = value;
        activity["replyToId"] = ForgedId();
        return activity;
    }

    private JsonObject Invoke(string verb, JsonObject? data, string aadObjectId = TestBot.MemberAadId)
    {
        var activity = Message(string.Empty, aadObjectId);
        activity.Remove("text");
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data ?? RandomData() },
            ["trigger"] = "manual",
        };
        return activity;
    }

    private JsonObject RandomData()
    {
        var data = new JsonObject();
        for (var i = _random.Next(5); i > 0; i--)
        {
            data[Pick(["text", "title", "description", "choice", "options", "comment", "answer", "flag", "lang", "q", .. IdFields, RandomText(8)])] = RandomNode(2);
        }

        return data;
    }

    private JsonNode? RandomNode(int depth) => _random.Next(depth > 0 ? 8 : 5) switch
    {
        0 => null,
        1 => JsonValue.Create(RandomText(_random.Next(0, 200))),
        2 => JsonValue.Create(_random.Next(-1000, 1000) * (_random.Next(2) == 0 ? 1e15 : 1)),
        3 => JsonValue.Create(_random.Next(2) == 0),
        4 => JsonValue.Create(ForgedId()),
        5 => new JsonArray([.. Enumerable.Range(0, _random.Next(4)).Select(_ => RandomNode(depth - 1))]),
        _ => new JsonObject { [RandomText(6)] = RandomNode(depth - 1), ["id"] = ForgedId() },
    };

    private JsonNode? RandomScalarOrArray() => _random.Next(5) switch
    {
        0 => JsonValue.Create(_random.Next()),
        1 => JsonValue.Create(RandomText(30)),
        2 => new JsonArray(JsonValue.Create(1), JsonValue.Create("x")),
        3 => JsonValue.Create(true),
        _ => new JsonObject { ["id"] = new JsonArray() },
    };

    private string UnknownVerbName()
    {
        string verb;
        do
        {
            verb = _random.Next(6) switch
            {
                0 => RandomText(_random.Next(1, 30)),
                1 => Pick(_allVerbs.Length > 0 ? _allVerbs : ["help"]) + "x",
                2 => "../" + Pick(_allVerbs.Length > 0 ? _allVerbs : ["help"]),
                3 => new string('v', 5_000),
                4 => " ",
                _ => Pick(_allVerbs.Length > 0 ? _allVerbs : ["help"]).ToUpperInvariant() + "\u0000",
            };
        }
        while (catalog.FindByVerb(verb) is not null);
        return verb;
    }

    private string ForgedId() => _random.Next(7) switch
    {
        0 => Guid.NewGuid().ToString(),
        1 => "../../etc/passwd",
        2 => "-1",
        3 => "'; DROP TABLE documents; --",
        4 => new string('9', 400),
        5 => "%00%ff\u202e",
        _ => RandomText(12),
    };

    private string RandomText(int length)
    {
        const string Alphabet = "abcdefghijklmnopqrstuvwxyz ABCXYZ0123456789 <>&\"'*_[]()#`\\/{}$.é€😀\u200b\u202e\t\n";
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(Alphabet[_random.Next(Alphabet.Length)]);
        }

        // Characters are picked one UTF-16 unit at a time: half emojis (lone surrogates) are part of the test.
        return builder.ToString();
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private string Pick(string[] items) => items[_random.Next(items.Length)];
}

using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Core.Pipeline;
using Azure.Search.Documents;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FutureOfCustoms.Bot.Tests.Knowledge.Search;

/// <summary>A small Azure AI Search service on 127.0.0.1 answering the REST shapes the real SDK sends: synonym maps,
/// index definitions, document batches, POST searches and $count. It refuses what the service would refuse (wrong
/// api-key, unknown fields or synonym maps, analyzers other than en.lucene, filters it does not understand).
/// Scoring is BM25 over Lucene's EnglishAnalyzer (what en.lucene is), with the stored Solr synonyms expanded in the
/// query and scoring-profile text weights applied; ranking beyond that is not the service's. Vector queries are
/// answered exactly (the service's HNSW is approximate) with the service's cosine score, 1 / (2 - cosine).</summary>
internal sealed partial class FakeAzureSearchService : IAsyncDisposable
{
    public const string ApiKey = "fake-admin-key";

    private const double K1 = 1.2;
    private const double B = 0.75;

    private static readonly Analyzer EnLucene = new EnglishAnalyzer(LuceneVersion.LUCENE_48);

    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, JsonObject> _synonymMaps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeIndex> _indexes = new(StringComparer.Ordinal);
    private readonly List<RecordedRequest> _requests = [];

    private FakeAzureSearchService(WebApplication app) => _app = app;

    /// <summary>The service's address as configured in the bot: https, as the SDK demands; see <see cref="ClientOptions"/>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    public static async Task<FakeAzureSearchService> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var service = new FakeAzureSearchService(app);
        app.Run(service.HandleAsync);
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        service.Endpoint = new Uri($"https://127.0.0.1:{address.Port}");
        return service;
    }

    /// <summary>The SDK accepts only https endpoints; this transport sends its requests to the fake over plain http
    /// on the same port (the api-key header travels unchanged, so the fake still checks it).</summary>
    public static SearchClientOptions ClientOptions()
    {
        var options = new SearchClientOptions { Transport = new HttpClientTransport(new HttpClient(new LoopbackHandler())) };
        options.Retry.MaxRetries = 0;
        return options;
    }

    public JsonObject? SynonymMap(string name)
    {
        lock (_lock)
        {
            return _synonymMaps.GetValueOrDefault(name)?.DeepClone().AsObject();
        }
    }

    public JsonObject? IndexDefinition(string name)
    {
        lock (_lock)
        {
            return _indexes.GetValueOrDefault(name)?.Definition.DeepClone().AsObject();
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var body = request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0
            ? await JsonNode.ParseAsync(request.Body)
            : null;
        lock (_lock)
        {
            _requests.Add(new RecordedRequest(request.Method, request.Path.Value ?? string.Empty, body?.DeepClone()));
        }

        if (request.Headers["api-key"] != ApiKey)
        {
            await ErrorAsync(context, HttpStatusCode.Forbidden, "Invalid api-key.");
            return;
        }

        if (string.IsNullOrEmpty(request.Query["api-version"]))
        {
            await ErrorAsync(context, HttpStatusCode.BadRequest, "The api-version query parameter is required.");
            return;
        }

        var route = Route().Match(request.Path.Value ?? string.Empty);
        var (status, response) = !route.Success
            ? (HttpStatusCode.NotFound, Error($"No route for {request.Method} {request.Path}"))
            : Dispatch(request.Method, route.Groups["collection"].Value, route.Groups["name"].Value, route.Groups["action"].Value, body as JsonObject);
        context.Response.StatusCode = (int)status;
        if (response is JsonValue count)
        {
            // $count answers a bare number as text/plain.
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync(count.ToJsonString());
        }
        else if (response is not null)
        {
            context.Response.ContentType = "application/json; odata.metadata=minimal";
            await context.Response.WriteAsync(response.ToJsonString());
        }
    }

    private (HttpStatusCode, JsonNode?) Dispatch(string method, string collection, string name, string action, JsonObject? body)
    {
        lock (_lock)
        {
            return (method, collection, action) switch
            {
                ("PUT", "synonymmaps", "") => PutSynonymMap(name, body),
                ("PUT", "indexes", "") => PutIndex(name, body),
                (_, "indexes", _) when !_indexes.ContainsKey(name) => (HttpStatusCode.NotFound, Error($"No index '{name}'.")),
                ("POST", "indexes", "search.index") => _indexes[name].Index(body),
                ("POST", "indexes", "search.post.search") => _indexes[name].Search(body, _synonymMaps),
                ("GET", "indexes", "$count") => (HttpStatusCode.OK, JsonValue.Create(_indexes[name].Documents.Count)),
                _ => (HttpStatusCode.NotFound, Error($"No route for {method} {collection}('{name}')/docs/{action}")),
            };
        }
    }

    private (HttpStatusCode, JsonNode?) PutSynonymMap(string name, JsonObject? body)
    {
        if (body?["name"]?.GetValue<string>() != name || body["format"]?.GetValue<string>() != "solr" || body["synonyms"] is null)
        {
            return (HttpStatusCode.BadRequest, Error("A synonym map needs the name of its URL, format solr and synonyms."));
        }

        var created = _synonymMaps.TryAdd(name, body);
        _synonymMaps[name] = body;
        return (created ? HttpStatusCode.Created : HttpStatusCode.OK, body.DeepClone());
    }

    private (HttpStatusCode, JsonNode?) PutIndex(string name, JsonObject? body)
    {
        if (body?["name"]?.GetValue<string>() != name || body["fields"] is not JsonArray fields)
        {
            return (HttpStatusCode.BadRequest, Error("An index needs the name of its URL and fields."));
        }

        if (fields.Count(f => f?["key"]?.GetValue<bool>() == true) != 1)
        {
            return (HttpStatusCode.BadRequest, Error("An index needs exactly one key field."));
        }

        foreach (var field in fields.Select(f => f!.AsObject()).Where(IsVector))
        {
            var profile = field["vectorSearchProfile"]?.GetValue<string>();
            var algorithm = body["vectorSearch"]?["profiles"]?.AsArray().FirstOrDefault(p => p?["name"]?.GetValue<string>() == profile)?["algorithm"]?.GetValue<string>();
            var configuration = body["vectorSearch"]?["algorithms"]?.AsArray().FirstOrDefault(a => a?["name"]?.GetValue<string>() == algorithm);
            if (field["dimensions"]?.GetValue<int>() is not > 0 || configuration is null)
            {
                return (HttpStatusCode.BadRequest, Error($"The vector field {field["name"]} needs dimensions and a vector search profile with an algorithm."));
            }

            if (configuration["kind"]?.GetValue<string>() != "hnsw" || configuration["hnswParameters"]?["metric"]?.GetValue<string>() != "cosine")
            {
                return (HttpStatusCode.BadRequest, Error("The fake supports HNSW with the cosine metric only."));
            }
        }

        foreach (var field in fields.Select(f => f!.AsObject()).Where(f => f["searchable"]?.GetValue<bool>() == true && !IsVector(f)))
        {
            if (field["analyzer"]?.GetValue<string>() != "en.lucene")
            {
                return (HttpStatusCode.BadRequest, Error($"The fake supports the en.lucene analyzer only (field {field["name"]})."));
            }

            if (field["synonymMaps"] is JsonArray maps && maps.Select(m => m!.GetValue<string>()).FirstOrDefault(m => !_synonymMaps.ContainsKey(m)) is { } missing)
            {
                return (HttpStatusCode.BadRequest, Error($"Synonym map '{missing}' does not exist."));
            }
        }

        var created = !_indexes.TryGetValue(name, out var index);
        if (created)
        {
            _indexes[name] = new FakeIndex(body);
        }
        else
        {
            index!.Definition = body;
        }

        return (created ? HttpStatusCode.Created : HttpStatusCode.OK, body.DeepClone());
    }

    private static bool IsVector(JsonObject field) => field["type"]?.GetValue<string>() == "Collection(Edm.Single)";

    private static JsonObject Error(string message) => new() { ["error"] = new JsonObject { ["code"] = string.Empty, ["message"] = message } };

    private static Task ErrorAsync(HttpContext context, HttpStatusCode status, string message)
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(Error(message).ToJsonString());
    }

    private static List<(string Term, int Start, int End)> Analyze(string text)
    {
        var tokens = new List<(string, int, int)>();
        using var stream = EnLucene.GetTokenStream("f", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add((term.ToString(), offset.StartOffset, offset.EndOffset));
        }

        stream.End();
        return tokens;
    }

    /// <summary>Start positions of a phrase (a sequence of analyzed terms) in a field's terms.</summary>
    private static IEnumerable<int> Occurrences(List<(string Term, int Start, int End)> tokens, string[] phrase) =>
        Enumerable.Range(0, Math.Max(0, tokens.Count - phrase.Length + 1))
            .Where(i => phrase.Select((p, j) => tokens[i + j].Term == p).All(x => x));

    [GeneratedRegex(@"^/(?<collection>synonymmaps|indexes)\('(?<name>[^']+)'\)(/docs/(?<action>search\.index|search\.post\.search|\$count))?$")]
    private static partial Regex Route();

    [GeneratedRegex(@"^search\.in\((?<field>\w+), '(?<values>[^']*)', ','\)$")]
    private static partial Regex SearchIn();

    [GeneratedRegex(@"^(?<field>\w+) eq '(?<value>(?:[^']|'')*)'$")]
    private static partial Regex EqualTo();

    internal sealed record RecordedRequest(string Method, string Path, JsonNode? Body);

    private sealed class FakeDocument(JsonObject fields, IEnumerable<string> searchable)
    {
        public JsonObject Fields { get; } = fields;

        public Dictionary<string, List<(string Term, int Start, int End)>> Terms { get; } = searchable.ToDictionary(
            f => f, f => fields[f] is JsonValue v && v.TryGetValue<string>(out var text) ? Analyze(text) : [], StringComparer.Ordinal);
    }

    private sealed class FakeIndex(JsonObject definition)
    {
        public JsonObject Definition { get; set; } = definition;

        public SortedDictionary<string, FakeDocument> Documents { get; } = new(StringComparer.Ordinal);

        private string Key => Fields.Single(f => f["key"]?.GetValue<bool>() == true)["name"]!.GetValue<string>();

        private IEnumerable<JsonObject> Fields => Definition["fields"]!.AsArray().Select(f => f!.AsObject());

        private List<string> Searchable => Fields.Where(f => f["searchable"]?.GetValue<bool>() == true && !IsVector(f)).Select(f => f["name"]!.GetValue<string>()).ToList();

        public (HttpStatusCode, JsonNode?) Index(JsonObject? body)
        {
            if (body?["value"] is not JsonArray actions || actions.Count == 0)
            {
                return (HttpStatusCode.BadRequest, Error("A batch needs a non-empty value array."));
            }

            var names = Fields.Select(f => f["name"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
            if (actions.SelectMany(a => a!.AsObject().Select(p => p.Key)).FirstOrDefault(p => p != "@search.action" && !names.Contains(p)) is { } unknown)
            {
                return (HttpStatusCode.BadRequest, Error($"The property '{unknown}' does not exist on type 'search.documentFields'."));
            }

            var results = new JsonArray();
            foreach (var action in actions.Select(a => a!.AsObject()))
            {
                var key = action[Key]!.GetValue<string>();
                var fields = action.DeepClone().AsObject();
                fields.Remove("@search.action");
                var existing = Documents.GetValueOrDefault(key);
                var status = action["@search.action"]?.GetValue<string>() ?? "upload";
                var code = status switch
                {
                    "upload" => Put(key, fields, existing is null),
                    "mergeOrUpload" when existing is null => Put(key, fields, created: true),
                    "merge" or "mergeOrUpload" when existing is not null => Put(key, Merge(existing.Fields, fields), created: false),
                    "merge" => 404,
                    // The service answers 200 whether or not the document existed.
                    "delete" => Delete(key),
                    _ => 400,
                };
                results.Add(new JsonObject { ["key"] = key, ["status"] = code < 300, ["errorMessage"] = code < 300 ? null : $"{status} failed", ["statusCode"] = code });
            }

            return (results.Any(r => !r!["status"]!.GetValue<bool>()) ? HttpStatusCode.MultiStatus : HttpStatusCode.OK, new JsonObject { ["value"] = results });
        }

        public (HttpStatusCode, JsonNode?) Search(JsonObject? body, Dictionary<string, JsonObject> synonymMaps)
        {
            body ??= [];
            var filter = Filter(body["filter"]?.GetValue<string>());
            if (filter is null)
            {
                return (HttpStatusCode.BadRequest, Error($"The fake does not understand the filter '{body["filter"]}'."));
            }

            var fields = body["searchFields"]?.GetValue<string>().Split(',') is { } listed ? [.. listed] : Searchable;
            var text = body["search"]?.GetValue<string>() ?? "*";
            var clauses = text.Trim() == "*" ? null : Clauses(text, fields, synonymMaps);
            var weights = Weights(body["scoringProfile"]?.GetValue<string>());
            if (weights is null)
            {
                return (HttpStatusCode.BadRequest, Error($"No scoring profile '{body["scoringProfile"]}'."));
            }

            var orderBy = body["orderby"]?.GetValue<string>().Split(' ')[0];
            if (orderBy is not null && !Fields.Any(f => f["name"]!.GetValue<string>() == orderBy && f["sortable"]?.GetValue<bool>() == true))
            {
                return (HttpStatusCode.BadRequest, Error($"The field '{orderBy}' is not sortable."));
            }

            var statistics = clauses is null ? null : Statistics(fields, clauses);
            var vectorQuery = body["vectorQueries"]?.AsArray().SingleOrDefault()?.AsObject();
            var scored = vectorQuery is not null
                ? VectorScores(vectorQuery, filter)
                : Documents.Values.Where(filter)
                    .Select(d => (Document: d, Score: clauses is null ? 1.0 : Score(d, clauses, statistics!, weights)))
                    .Where(s => s.Score > 0);
            var ordered = orderBy is not null
                ? scored.OrderBy(s => s.Document.Fields[orderBy]?.ToString(), StringComparer.Ordinal).ToList()
                : scored.OrderByDescending(s => s.Score).ThenBy(s => s.Document.Fields[Key]!.GetValue<string>(), StringComparer.Ordinal).ToList();
            var page = ordered.Skip(body["skip"]?.GetValue<int>() ?? 0).Take(body["top"]?.GetValue<int>() ?? 50);
            var select = body["select"]?.GetValue<string>().Split(',');
            var highlight = body["highlight"]?.GetValue<string>().Split(',') ?? [];
            var value = new JsonArray();
            foreach (var (document, score) in page)
            {
                var item = new JsonObject { ["@search.score"] = score };
                var highlights = new JsonObject();
                foreach (var field in highlight.Where(f => clauses is not null && document.Terms.ContainsKey(f)))
                {
                    if (Mark(document, field, clauses!, body["highlightPreTag"]?.GetValue<string>() ?? "<em>", body["highlightPostTag"]?.GetValue<string>() ?? "</em>") is { } marked)
                    {
                        highlights[field] = new JsonArray(marked);
                    }
                }

                if (highlight.Length > 0)
                {
                    item["@search.highlights"] = highlights;
                }

                foreach (var (name, field) in document.Fields.Where(p => select is null || select.Contains(p.Key)))
                {
                    item[name] = field?.DeepClone();
                }

                value.Add(item);
            }

            var response = new JsonObject();
            if (body["count"]?.GetValue<bool>() == true)
            {
                response["@odata.count"] = ordered.Count;
            }

            response["value"] = value;
            return (HttpStatusCode.OK, response);
        }

        private static JsonObject Merge(JsonObject existing, JsonObject changes)
        {
            var merged = existing.DeepClone().AsObject();
            foreach (var (name, value) in changes)
            {
                merged[name] = value?.DeepClone();
            }

            return merged;
        }

        private int Delete(string key)
        {
            Documents.Remove(key);
            return 200;
        }

        private int Put(string key, JsonObject fields, bool created)
        {
            Documents[key] = new FakeDocument(fields, Searchable);
            return created ? 201 : 200;
        }

        /// <summary>The k nearest documents to the query vector, scored as the service scores the cosine metric.</summary>
        private IEnumerable<(FakeDocument Document, double Score)> VectorScores(JsonObject query, Func<FakeDocument, bool> filter)
        {
            var field = query["fields"]!.GetValue<string>();
            var vector = query["vector"]!.AsArray().Select(v => v!.GetValue<float>()).ToArray();
            return Documents.Values.Where(filter)
                .Where(d => d.Fields[field] is JsonArray)
                .Select(d => (Document: d, Score: 1 / (2 - Cosine(vector, [.. d.Fields[field]!.AsArray().Select(v => v!.GetValue<float>())]))))
                .OrderByDescending(s => s.Score)
                .Take(query["k"]?.GetValue<int>() ?? 50);
        }

        private static double Cosine(float[] a, float[] b)
        {
            double dot = 0, normA = 0, normB = 0;
            for (var i = 0; i < a.Length; i++)
            {
                dot += a[i] * b[i];
                normA += a[i] * a[i];
                normB += b[i] * b[i];
            }

            return dot / Math.Sqrt(normA * normB);
        }

        /// <summary>Equality, search.in and "and": the filters the bot sends; anything else is refused.</summary>
        private static Func<FakeDocument, bool>? Filter(string? filter)
        {
            if (string.IsNullOrWhiteSpace(filter))
            {
                return _ => true;
            }

            var parts = filter.Split(" and ").Select(Clause).ToList();
            return parts.Any(p => p is null) ? null : d => parts.All(p => p!(d));

            static Func<FakeDocument, bool>? Clause(string clause)
            {
                if (SearchIn().Match(clause.Trim()) is { Success: true } searchIn)
                {
                    var values = searchIn.Groups["values"].Value.Split(',');
                    return d => d.Fields[searchIn.Groups["field"].Value]?.ToString() is { } v && values.Contains(v);
                }

                if (EqualTo().Match(clause.Trim()) is { Success: true } equals)
                {
                    var value = equals.Groups["value"].Value.Replace("''", "'", StringComparison.Ordinal);
                    return d => d.Fields[equals.Groups["field"].Value]?.ToString() == value;
                }

                return null;
            }
        }

        private Dictionary<string, double>? Weights(string? profile)
        {
            if (profile is null)
            {
                return [];
            }

            var found = Definition["scoringProfiles"]?.AsArray().FirstOrDefault(p => p!["name"]!.GetValue<string>() == profile);
            return found?["text"]?["weights"]?.AsObject().ToDictionary(w => w.Key, w => w.Value!.GetValue<double>()) ?? (found is null ? null : []);
        }

        /// <summary>Each query term is a clause (search mode any); a synonym rule the query contains adds its other
        /// forms as phrase clauses, as the service expands synonyms at query time on fields that name the map.</summary>
        private List<string[]> Clauses(string text, List<string> fields, Dictionary<string, JsonObject> synonymMaps)
        {
            var query = Analyze(text);
            var clauses = query.Select(t => new[] { t.Term }).ToList();
            var maps = Fields.Where(f => fields.Contains(f["name"]!.GetValue<string>()))
                .SelectMany(f => f["synonymMaps"]?.AsArray().Select(m => m!.GetValue<string>()) ?? [])
                .Distinct(StringComparer.Ordinal);
            foreach (var rule in maps.SelectMany(m => synonymMaps[m]["synonyms"]!.GetValue<string>().Split('\n')))
            {
                var forms = rule.Split(',').Select(f => Analyze(f).Select(t => t.Term).ToArray()).Where(f => f.Length > 0).ToList();
                if (forms.Any(f => Occurrences(query, f).Any()))
                {
                    clauses.AddRange(forms.Where(f => !clauses.Any(c => c.SequenceEqual(f))));
                }
            }

            return clauses;
        }

        /// <summary>Per field: the average length and, per clause, the number of documents holding it (BM25's idf).</summary>
        private Dictionary<string, (double Average, int[] WithClause)> Statistics(List<string> fields, List<string[]> clauses) =>
            fields.ToDictionary(
                f => f,
                f => (Documents.Count == 0 ? 0 : Documents.Values.Average(d => d.Terms[f].Count),
                    clauses.Select(c => Documents.Values.Count(d => Occurrences(d.Terms[f], c).Any())).ToArray()),
                StringComparer.Ordinal);

        private double Score(FakeDocument document, List<string[]> clauses, Dictionary<string, (double Average, int[] WithClause)> statistics, Dictionary<string, double> weights)
        {
            var score = 0.0;
            foreach (var (field, (average, withClause)) in statistics)
            {
                var terms = document.Terms[field];
                for (var i = 0; i < clauses.Count; i++)
                {
                    var frequency = Occurrences(terms, clauses[i]).Count();
                    if (frequency > 0)
                    {
                        var idf = Math.Log(1 + ((Documents.Count - withClause[i] + 0.5) / (withClause[i] + 0.5)));
                        var saturation = frequency * (K1 + 1) / (frequency + (K1 * (1 - B + (B * terms.Count / Math.Max(1, average)))));
                        score += weights.GetValueOrDefault(field, 1) * idf * saturation;
                    }
                }
            }

            return score;
        }

        private static string? Mark(FakeDocument document, string field, List<string[]> clauses, string open, string close)
        {
            var terms = document.Terms[field];
            var marked = new SortedSet<int>();
            foreach (var clause in clauses)
            {
                foreach (var start in Occurrences(terms, clause))
                {
                    marked.UnionWith(Enumerable.Range(start, clause.Length));
                }
            }

            if (marked.Count == 0)
            {
                return null;
            }

            var text = document.Fields[field]!.GetValue<string>();
            var builder = new StringBuilder();
            var position = 0;
            foreach (var (_, start, end) in marked.Select(i => terms[i]))
            {
                builder.Append(text, position, start - position).Append(open).Append(text, start, end - start).Append(close);
                position = end;
            }

            return builder.Append(text, position, text.Length - position).ToString();
        }
    }

    private sealed class LoopbackHandler() : DelegatingHandler(new HttpClientHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.RequestUri = new UriBuilder(request.RequestUri!) { Scheme = Uri.UriSchemeHttp }.Uri;
            return base.SendAsync(request, cancellationToken);
        }
    }
}

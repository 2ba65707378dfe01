using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Digest;
using FutureOfCustoms.Bot.Discussion;
using FutureOfCustoms.Bot.Polls;
using FutureOfCustoms.Bot.Storage;
using FutureOfCustoms.Bot.Suggestions;
using FutureOfCustoms.Testing;

namespace FutureOfCustoms.Benchmarks;

/// <summary>
/// The weekly digest over a year of activity: the bot's own services on a temporary store, seeded with the
/// documents the features write (their record types, collections and partitions), then the composer the
/// weekly post uses, timed for the year's last week.
/// </summary>
internal static class DigestBenchmark
{
    private const int Weeks = 52;
    private const int Compositions = 20;
    private const int BatchSize = 100;
    private static readonly TimeSpan Target = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A year as issue 9 puts it. Azurite gets a tenth of it: its in-memory tables slow down as they grow (the
    /// year's 100,000 answers took 13 minutes to write there, before the indexing that follows them).
    /// </summary>
    private static readonly Volume Year = new(10_000, 100_000, 500);
    private static readonly Volume AzuriteShare = new(Year.Suggestions / 10, Year.Answers / 10, Year.Polls / 10);

    // Monday 09:00 in Brussels, when the default schedule posts: the digest covers the week before it.
    private static readonly DateTimeOffset YearEnd = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset YearStart = YearEnd - TimeSpan.FromDays(7 * Weeks);

    private static readonly string[] Administrations =
    [
        "Argentina", "Australia", "Belgium", "Brazil", "Canada", "China", "Finland", "France", "India", "Japan", "Kenya",
        "Korea", "Morocco", "Netherlands", "New Zealand", "Singapore", "Uganda",
        "University of Munster", "Cross-border Research Association", "ICC", "FIATA", "Global Express Association", "WCO Secretariat",
    ];

    private static readonly string[] Sentences =
    [
        "Our administration sees this as a priority for the next strategic plan.",
        "Data from e-commerce platforms would let risk management start before goods arrive.",
        "Coordinated border management needs common data models, not only common procedures.",
        "Capacity building should come first for administrations with limited resources.",
        "The Revised Kyoto Convention gives the frame, but its guidelines need updating.",
        "Intangible goods such as software and 3D printing files challenge the classification rules.",
        "Pilots with the private sector showed results within a year.",
        "A working group of volunteers could draft a first paper for the Policy Commission.",
    ];

    /// <summary>On the default SQLite store, or with "azurite" on Azure Tables as the Azurite emulator serves it.</summary>
    public static async Task<int> RunAsync(TextWriter output, IReadOnlyList<string> options)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("foc-bench-digest-").FullName;
        try
        {
            if (!options.Contains("azurite"))
            {
                return await RunOnAsync(output, "embedded SQLite file", Year, dataDirectory, settings: null);
            }

            if (ToolPaths.WhyMissing([RequiredTool.Node, RequiredTool.NodeModules]) is { } why)
            {
                output.WriteLine($"skipped: Azurite cannot start ({why})");
                return 2;
            }

            var azurite = new Azurite();
            await azurite.InitializeAsync();
            try
            {
                return await RunOnAsync(output, "Azurite in memory, on this machine, a tenth of the year", AzuriteShare, dataDirectory, new Dictionary<string, string?>
                {
                    ["Storage:Provider"] = nameof(StorageProvider.AzureTables),
                    ["Storage:AzureTables:ConnectionString"] = azurite.ConnectionString,
                });
            }
            finally
            {
                await azurite.DisposeAsync();
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static async Task<int> RunOnAsync(TextWriter output, string where, Volume volume, string dataDirectory, IReadOnlyDictionary<string, string?>? settings)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        await using var app = BenchmarkHost.Build(dataDirectory, settings);
        var services = app.Services;
        var store = services.GetRequiredService<IDocumentStore>();
        output.WriteLine($"store: {store.ProviderName} ({where}); {Environment.ProcessorCount} processors, {CpuModel()}");

        var seeding = Stopwatch.StartNew();
        var random = new Random(20261130);
        await SeedSuggestionsAsync(store, volume, random);
        output.WriteLine($"seeded {volume.Suggestions:N0} suggestions in {seeding.Elapsed.TotalSeconds:0.0} s");
        var filing = Stopwatch.StartNew();
        await services.GetRequiredService<SuggestionRepository>().ActiveAsync(YearEnd, YearEnd, CancellationToken.None);
        filing.Stop();
        output.WriteLine($"filed their activity as a store upgraded with suggestions in it does at first use, in {filing.Elapsed.TotalSeconds:0.0} s");
        var answers = Stopwatch.StartNew();
        var (versions, delegates) = await SeedAnswersAsync(store, services.GetRequiredService<DiscussionStore>(), volume, random);
        output.WriteLine($"seeded {volume.Answers:N0} answers ({versions:N0} versions, {delegates:N0} delegates) in {answers.Elapsed.TotalSeconds:0.0} s");
        var indexing = Stopwatch.StartNew();
        await services.GetRequiredService<DiscussionStore>().ActivityAsync(AnnexIIIDiscussion.Name, YearEnd, YearEnd, CancellationToken.None);
        indexing.Stop();
        output.WriteLine($"indexed them as a store upgraded with answers in it does at first use, in {indexing.Elapsed.TotalSeconds:0.0} s");
        var polls = Stopwatch.StartNew();
        var ballots = await SeedPollsAsync(services.GetRequiredService<PollStore>(), volume, random);
        output.WriteLine($"seeded {volume.Polls:N0} polls ({ballots:N0} ballots) in {polls.Elapsed.TotalSeconds:0.0} s");
        output.WriteLine($"seeding took {(seeding.Elapsed - filing.Elapsed - indexing.Elapsed).TotalSeconds:0.0} s, plus {(filing.Elapsed + indexing.Elapsed).TotalSeconds:0.0} s of first-use indexing");

        // Read back through the features' own stores: the seed is where they look, or the figures mean nothing.
        await CheckSeedAsync(services, volume);

        var composer = services.GetRequiredService<DigestComposer>();
        var period = new DigestPeriod(YearEnd - TimeSpan.FromDays(7), YearEnd);
        var digest = await composer.ComposeAsync(period, CancellationToken.None)
            ?? throw new InvalidOperationException("The digest of a busy week came back empty.");
        output.WriteLine($"digest for {period.Start:u} to {period.End:u}: {DescribeCard(digest.Card!)}");

        await ReportSourcesAsync(output, services.GetServices<IDigestSource>(), period);
        var loadBefore = LoadAverage();
        var times = new List<double>(Compositions);
        var allocations = new List<long>(Compositions);
        for (var i = 0; i < Compositions; i++)
        {
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            _ = await composer.ComposeAsync(period, CancellationToken.None);
            watch.Stop();
            allocations.Add(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        var median = times[times.Count / 2];
        var p95 = times[Math.Min(times.Count - 1, (int)Math.Ceiling(times.Count * 0.95) - 1)];
        var max = times[^1];
        var pass = max < Target.TotalMilliseconds;
        output.WriteLine();
        output.WriteLine("| Store | Suggestions / answers / polls | Compositions | Median ms | p95 ms | Max ms | Allocated per composition MB | Load average before / after |");
        output.WriteLine("|---|---|---:|---:|---:|---:|---:|---|");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {store.ProviderName} | {volume.Suggestions:N0} / {volume.Answers:N0} / {volume.Polls:N0} | {Compositions} | {median:0.0} | {p95:0.0} | {max:0.0} | {allocations.Average() / (1024 * 1024):0.0} | {loadBefore} / {LoadAverage()} |"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Slowest composition {max:0.0} ms against a target of {Target.TotalMilliseconds:0} ms: {(pass ? "PASS" : "FAIL")}"));
        return pass ? 0 : 1;
    }

    /// <summary>
    /// About 190 a week, each with its card marker, as SuggestionRepository stored them before it filed their
    /// activity by time (that filing is then done as at an upgrade); 40% reviewed within three weeks.
    /// </summary>
    private static async Task SeedSuggestionsAsync(IDocumentStore store, Volume volume, Random random)
    {
        // SuggestionRepository's layout: one partition, "item-" + id, "card-" + card id, and the number counter.
        const string Collection = "suggestions";
        const string Partition = "all";
        var created = Enumerable.Range(0, volume.Suggestions).Select(_ => RandomTime(random, YearStart, YearEnd)).Order().ToArray();
        var operations = new List<StoreOperation>(volume.Suggestions * 2);
        for (var i = 0; i < volume.Suggestions; i++)
        {
            var id = Guid.NewGuid().ToString("N");
            var administration = Administrations[random.Next(Administrations.Length)];
            var suggestion = new Suggestion(
                id,
                i + 1,
                new SuggestionFields(
                    $"Topic {i + 1}: {Sentences[random.Next(Sentences.Length)].TrimEnd('.')}",
                    string.Join(' ', Enumerable.Range(0, 3).Select(_ => Sentences[random.Next(Sentences.Length)])),
                    (SuggestionKind)random.Next(3),
                    [$"BB{random.Next(1, 9)}"],
                    random.Next(3) == 0 ? ["Policy Commission"] : [],
                    administration,
                    random.Next(4) == 0),
                Member(random.Next(400)),
                $"19:bench-channel-{random.Next(3)}@thread.tacv2",
                "tenant-1",
                Guid.NewGuid().ToString("N"),
                created[i]);
            if (random.NextDouble() < 0.4 && created[i] + TimeSpan.FromDays(21) < YearEnd)
            {
                SuggestionStatus[] reviewed = [SuggestionStatus.Accepted, SuggestionStatus.Accepted, SuggestionStatus.Declined, SuggestionStatus.Merged, SuggestionStatus.Withdrawn];
                suggestion = suggestion with
                {
                    Status = reviewed[random.Next(reviewed.Length)],
                    StatusChangedAt = RandomTime(random, created[i], created[i] + TimeSpan.FromDays(21)),
                    ReviewerName = "Bench Moderator",
                };
            }

            operations.Add(StoreOperation.Insert("item-" + id, suggestion));
            operations.Add(StoreOperation.Insert("card-" + Guid.NewGuid().ToString("N"), new { SuggestionId = id }));
        }

        operations.Add(StoreOperation.Insert("counter", new { Last = volume.Suggestions }));
        foreach (var batch in operations.Chunk(BatchSize))
        {
            await store.ExecuteAsync(Collection, Partition, batch);
        }
    }

    /// <summary>
    /// The Annex III set as the feature creates it, then answers as the feature stored them before it kept an
    /// index beside them (the index is then built as at an upgrade): every delegate answers three to seven of its
    /// questions within a few days, and one answer in five is edited within the following month (some again).
    /// </summary>
    private static async Task<(int Versions, int Delegates)> SeedAnswersAsync(IDocumentStore store, DiscussionStore discussions, Volume volume, Random random)
    {
        // DiscussionStore's layout: one partition per discussion, one document per (question, author).
        const string Collection = "discussion-answers";
        var set = await discussions.FindAsync(AnnexIIIDiscussion.Name, CancellationToken.None)
            ?? throw new InvalidOperationException("The corpus has no Annex III paper to discuss.");
        var answers = new List<DiscussionAnswer>(volume.Answers);
        for (var delegateNumber = 0; answers.Count < volume.Answers; delegateNumber++)
        {
            var author = Member(1_000 + delegateNumber);
            var administration = Administrations[delegateNumber % Administrations.Length];
            var first = RandomTime(random, YearStart, YearEnd - TimeSpan.FromDays(3));
            var questions = set.Questions.OrderBy(_ => random.Next()).Take(random.Next(3, set.Questions.Count + 1));
            foreach (var question in questions.Take(volume.Answers - answers.Count))
            {
                var versions = new List<AnswerVersion> { Version(random, question, administration, author, first + TimeSpan.FromMinutes(random.Next(3 * 24 * 60))) };
                while (random.NextDouble() < (versions.Count == 1 ? 0.2 : 0.3))
                {
                    var edited = versions[^1].ChangedAt + TimeSpan.FromDays(30);
                    versions.Add(Version(random, question, administration, author, RandomTime(random, versions[^1].ChangedAt, edited < YearEnd ? edited : YearEnd)));
                }

                answers.Add(new DiscussionAnswer(set.Name, question.Number, author.Key, author.Id, author.Name, author.AadObjectId, versions));
            }
        }

        foreach (var batch in answers.Chunk(BatchSize))
        {
            await store.ExecuteAsync(Collection, set.Name, [.. batch.Select(a => StoreOperation.Insert(DiscussionAnswer.IdOf(a.Question, a.AuthorKey), a))]);
        }

        return (answers.Sum(a => a.Versions.Count), answers.Select(a => a.AuthorKey).Distinct(StringComparer.Ordinal).Count());
    }

    /// <summary>
    /// About ten polls a week through PollStore, each with 20 to 60 ballots cast in batches; those past their
    /// closing time are closed with their results, as the closing service leaves them; one in twenty is still a draft.
    /// </summary>
    private static async Task<int> SeedPollsAsync(PollStore polls, Volume volume, Random random)
    {
        var ballots = 0;
        for (var i = 0; i < volume.Polls; i++)
        {
            var created = YearStart + TimeSpan.FromTicks((long)((YearEnd - YearStart).Ticks * (i + random.NextDouble()) / volume.Polls));
            var launched = created + TimeSpan.FromMinutes(random.Next(5, 600));
            var optionCount = random.Next(2, 6);
            var poll = new Poll
            {
                Id = $"bench{i:D4}",
                Question = $"Poll {i + 1}: which option should the group take forward on {Sentences[random.Next(Sentences.Length)].TrimEnd('.').ToLowerInvariant()}?",
                Options = [.. Enumerable.Range(1, optionCount).Select(o => new PollOption(o.ToString(CultureInfo.InvariantCulture), $"Option {o}"))],
                MaxChoices = random.Next(4) == 0 ? 2 : 1,
                Anonymous = random.Next(3) == 0,
                Visibility = (PollVisibility)random.Next(3),
                ClosesAt = launched + TimeSpan.FromDays(random.Next(3, 15)),
                ConversationId = "19:bench-channel-0@thread.tacv2",
                TenantId = "tenant-1",
                MessageId = $"1{i:D12}",
                CreatedBy = new UserRef("29:moderator", "Bench Moderator", Activities.ModeratorAadId),
                CreatedAt = created,
                LaunchedAt = launched,
                Status = PollStatus.Open,
            };
            if (launched >= YearEnd || random.Next(20) == 0)
            {
                await polls.InsertAsync(poll with { LaunchedAt = null, MessageId = null, Status = PollStatus.Draft }, CancellationToken.None);
                continue;
            }

            await polls.InsertAsync(poll, CancellationToken.None);
            var voters = Enumerable.Range(0, random.Next(20, 61)).Select(v => Member(random.Next(400))).DistinctBy(v => v.Key).ToList();
            var cast = new List<(string VoterKey, Ballot Ballot)>(voters.Count);
            foreach (var voter in voters)
            {
                var user = new UserRef(voter.Id, voter.Name, voter.AadObjectId);
                var choices = poll.Options.OrderBy(_ => random.Next()).Take(random.Next(1, poll.MaxChoices + 1)).Select(o => o.Id).ToList();
                var at = RandomTime(random, launched, poll.ClosesAt!.Value < YearEnd ? poll.ClosesAt.Value : YearEnd);
                cast.Add((await polls.VoterKeyAsync(poll, user, CancellationToken.None), poll.Anonymous ? new Ballot(choices) : new Ballot(choices, user.Id, user.Name, user.AadObjectId, at)));
            }

            BallotBox? box = null;
            foreach (var batch in cast.Chunk(PollStore.MaxBallotsPerBatch))
            {
                box = await polls.CastAsync(poll.Id, batch, CancellationToken.None);
            }

            ballots += cast.Count;
            if (poll.ClosesAt < YearEnd)
            {
                await polls.CloseBoxAsync(poll.Id, CancellationToken.None);
                var results = box!.Results(poll, 120);
                await polls.TryChangeAsync(poll.Id, p => p with { Status = PollStatus.Closed, ClosedAt = p.ClosesAt, Results = results, ResultsDelivery = ResultsDelivery.Posted }, CancellationToken.None);
            }
        }

        return ballots;
    }

    /// <summary>
    /// Where the time goes: each source alone, the median of five runs; and a fingerprint of every line of every
    /// section, to show that a change to how sources read their data left what the digest says as it was.
    /// </summary>
    private static async Task ReportSourcesAsync(TextWriter output, IEnumerable<IDigestSource> sources, DigestPeriod period)
    {
        var everyLine = new List<string>();
        foreach (var source in sources.OrderBy(s => s.Order))
        {
            var times = new List<double>();
            DigestSection? section = null;
            for (var i = 0; i < 5; i++)
            {
                var watch = Stopwatch.StartNew();
                section = await source.ComposeAsync(period, CancellationToken.None);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {source.GetType().Name}: median {times.Order().ElementAt(2):0.0} ms, {section?.Lines.Count ?? 0} lines"));
            everyLine.AddRange(section is null ? [] : [section.Title, .. section.Lines]);
        }

        output.WriteLine($"  fingerprint of all {everyLine.Count} lines: {Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', everyLine))))[..16]}");
    }

    private static async Task CheckSeedAsync(IServiceProvider services, Volume volume)
    {
        var suggestions = (await services.GetRequiredService<SuggestionRepository>().ListAsync(CancellationToken.None)).Count;
        var answers = (await services.GetRequiredService<DiscussionStore>().AnswersAsync(AnnexIIIDiscussion.Name, CancellationToken.None)).Count;
        var polls = (await services.GetRequiredService<PollStore>().ListAsync(CancellationToken.None)).Count;
        if (suggestions != volume.Suggestions || answers != volume.Answers || polls != volume.Polls)
        {
            throw new InvalidOperationException($"The features see {suggestions} suggestions, {answers} answers and {polls} polls, not what was seeded.");
        }
    }

    private static AnswerVersion Version(Random random, DiscussionQuestionDefinition question, string administration, SuggestionAuthor author, DateTimeOffset at)
        => new(
            string.Join(' ', Enumerable.Range(0, random.Next(1, 5)).Select(_ => Sentences[random.Next(Sentences.Length)])),
            question.Choices is { Count: > 0 } choices ? choices[random.Next(choices.Count)].Value : null,
            administration,
            author.Name,
            at);

    private static SuggestionAuthor Member(int number)
    {
        var aad = $"00000000-0000-4000-8000-{number:D12}";
        return new SuggestionAuthor($"29:{aad}", $"Delegate {number}", aad);
    }

    private static DateTimeOffset RandomTime(Random random, DateTimeOffset from, DateTimeOffset to)
        => from + TimeSpan.FromTicks((long)((to - from).Ticks * random.NextDouble()));

    /// <summary>Section titles with their line counts, so the output shows the digest had something to say.</summary>
    private static string DescribeCard(JsonObject card)
    {
        var text = card.ToJsonString();
        return $"{text.Length / 1024.0:0.0} KB card; " + string.Join(", ", Texts(card).Where(t => t.Length < 80).Take(12));
    }

    private static IEnumerable<string> Texts(JsonNode? node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() == "TextBlock" && o["text"] is JsonValue v => [v.GetValue<string>()],
        JsonObject o => o.SelectMany(p => Texts(p.Value)),
        JsonArray a => a.SelectMany(Texts),
        _ => [],
    };

    private static string CpuModel()
        => File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
            : "unknown CPU";

    private static string LoadAverage()
        => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private sealed record Volume(int Suggestions, int Answers, int Polls);
}

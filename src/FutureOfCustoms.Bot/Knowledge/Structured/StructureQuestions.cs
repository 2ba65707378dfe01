using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace FutureOfCustoms.Bot.Knowledge.Structured;

internal enum StructureIntent
{
    PapersByAuthor,
    AuthorOfPaper,
    DiscussionQuestions,
    BodiesOfTopic,
    GroupMembers,
    BuildingBlock,
}

/// <summary>Which part of the group's membership a question asks about (paragraph 7).</summary>
internal enum MemberGroup
{
    Everyone,
    Administrations,
    AcademiaAndPrivateSector,
    Universities,
}

/// <summary>One listed fact of a structure answer: a paper, a question, a body, a member.</summary>
internal sealed record StructureItem(string Text, string? Detail = null);

/// <summary>
/// A question answered from the document's structure rather than from a passage: the exact set the question asks
/// for (China's papers, the seven questions, the bodies dealing with a topic...) and where the document says so.
/// </summary>
internal sealed record StructureAnswer(StructureIntent Intent, string Subject, IReadOnlyList<StructureItem> Items, string CitationPath)
{
    public MemberGroup Members { get; init; }

    public char? BlockLetter { get; init; }

    /// <summary>The numbered paragraph the answer comes from, when it comes from one (the members, the papers).</summary>
    public int? Paragraph { get; init; }
}

/// <summary>
/// Recognises questions about the parsed structure (papers and their authors, building blocks, Annex II topics with
/// their WCO bodies, the Annex III questions, the group's members), in English and French, and answers them exactly.
/// </summary>
/// <remarks>
/// Recognition is deliberately narrow: a question is answered here only when every content word in it belongs to
/// the intent (its cue words, a known author, a paper title, a topic, a block). "Which papers did China submit?"
/// qualifies; "What does China's paper on e-commerce say?" leaves "say" and "e-commerce" over and goes to the
/// passage search, which answers it better. A wrong structure answer would hide a right passage, so when in doubt
/// the question is not claimed. French questions are matched on accent-folded words; titles and topics named in
/// French reach the English structure when the caller asks again with the glossary's English rewrite.
/// </remarks>
internal sealed partial class StructureQuestions
{
    private static readonly HashSet<string> StopWords = Words("""
        a an the of on in to for by and or is are was were be been do does did has have had it its this that these those
        with from at as about into any all some there their them they what which who whom whose how many much please tell me
        show list give name i we you our us can could would should may might will shall the its s d l qu
        le la les un une des du de d l au aux et ou est sont a ont il elle ils elles ce cet cette ces que qui quoi quel quelle
        quels quelles lequel laquelle lesquels lesquelles combien dans sur pour par avec en y se sa son ses leur leurs nous vous
        je moi peux pouvez dire donner montrer liste lister t il ete etre fait font
        """);

    private static readonly HashSet<string> GroupWords = Words("group groups vwg fc wco omd groupe groupes working virtual travail virtuel future customs avenir douane douanes member members membre membres");

    private static readonly HashSet<string> PaperNouns = Words("paper papers document documents contribution contributions papier papiers note notes etude etudes article articles submission submissions short");

    private static readonly HashSet<string> SubmitVerbs = Words("submit submitted submits wrote written write writes author authored authors soumis soumise soumises soumet soumettre redige redigee rediges redigees redigé ecrit ecrite ecrits auteur auteurs presente presentes presentee presented present");

    private static readonly HashSet<string> WhoCues = Words("who qui whom");

    private static readonly HashSet<string> QuestionNouns = Words("questions question discussion discuss debate debat discuter annex annexe iii 3d printing impression seven sept asked posees posee poses raised posed");

    private static readonly HashSet<string> BodyNouns = Words("body bodies committee committees organe organes comite comites instance instances organ organs");

    private static readonly HashSet<string> BodyVerbs = Words("deal deals dealing dealt handle handles handling cover covers covering responsible work works working charge traite traitent occupe occupent soccupe soccupent responsable responsables chargé charges looks look");

    private static readonly HashSet<string> MemberNouns = Words("universities university universite universites academia academic academics academique academiques universitaire universitaires private sector prive secteur administrations administration countries country pays belong belongs participate participates part partie composed compose composition representatives representants bodies organisations organizations institutions");

    private static readonly HashSet<string> BlockWords = Words("building block blocks bloc blocs pilier piliers cover covers covered about say says mean means couvre couvrent porte traite contient contenu dit signifie concern concerns concerne number numero c21 th st nd rd e eme er");

    private static readonly HashSet<string> CueWords = [.. new[] { WhoCues, PaperNouns, SubmitVerbs, QuestionNouns, BodyNouns, BodyVerbs, MemberNouns, BlockWords }.SelectMany(w => w)];

    private static readonly string[] Ordinals = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];

    private static readonly string[] FrenchOrdinals = ["premier", "deuxieme", "troisieme", "quatrieme", "cinquieme", "sixieme", "septieme", "huitieme", "neuvieme", "dixieme"];

    private readonly KnowledgeDocument _document;
    private readonly IReadOnlyList<Author> _authors;
    private readonly IReadOnlyList<GroupMember> _members;
    private readonly NumberedParagraph? _membersParagraph;
    private readonly NumberedParagraph? _papersParagraph;

    public StructureQuestions(KnowledgeDocument document)
    {
        _document = document;
        _authors = Author.From(document.Papers);
        _membersParagraph = document.Paragraphs.FirstOrDefault(p => p.Text.Contains("Members of the VWG FC include", StringComparison.Ordinal));
        _members = _membersParagraph is null ? [] : GroupMember.From(_membersParagraph.Text);
        _papersParagraph = document.Papers.Count == 0 ? null : document.Paragraphs.FirstOrDefault(p => p.Text.Contains(document.Papers[0].Title, StringComparison.Ordinal));
    }

    /// <summary>The structure answer to <paramref name="question"/>, or null when a passage should answer it.</summary>
    /// <param name="typed">For a question rewritten in English by the glossary, the question as typed: its cue words
    /// ("qui", "documents", "organe"), which the rewrite drops as French function words, count too.</param>
    public StructureAnswer? TryAnswer(string question, string? typed = null)
    {
        var words = Tokens(question);
        if (typed is not null)
        {
            words.AddRange(Tokens(typed).Where(w => !words.Contains(w) && CueWords.Contains(w)));
        }

        if (words.Count == 0)
        {
            return null;
        }

        return Block(words) ?? Questions(words) ?? Bodies(words) ?? AuthorOf(words) ?? PapersBy(words) ?? Members(words);
    }

    private StructureAnswer? PapersBy(List<string> words)
    {
        var author = _authors.FirstOrDefault(a => a.IsNamedIn(words));
        if (author is null || words.Any(WhoCues.Contains) || !words.Any(w => PaperNouns.Contains(w) || SubmitVerbs.Contains(w))
            || Leftover(words, author.Words, PaperNouns, SubmitVerbs).Count > 0)
        {
            return null;
        }

        var papers = _document.Papers.Where(p => author.Wrote(p)).Select(p => new StructureItem(p.Title)).ToList();
        return new StructureAnswer(StructureIntent.PapersByAuthor, author.Name, papers, Citation(_papersParagraph)) { Paragraph = _papersParagraph?.Number };
    }

    private StructureAnswer? AuthorOf(List<string> words)
    {
        if (!words.Any(WhoCues.Contains) || !words.Any(w => PaperNouns.Contains(w) || SubmitVerbs.Contains(w)))
        {
            return null;
        }

        var searchable = words.ToHashSet();
        var matches = _document.Papers
            .Select(p => (Paper: p, Title: Tokens(p.Title).Where(IsContent).Distinct().ToList()))
            .Where(p => p.Title.Count > 0 && p.Title.All(t => searchable.Any(w => SameStem(w, t))))
            .ToList();
        if (matches.Count == 0)
        {
            return null;
        }

        // The longest title that the question names completely: "Future of Customs" also fits inside Morocco's title.
        var longest = matches.Max(m => m.Title.Count);
        var best = matches.Where(m => m.Title.Count == longest).Select(m => m.Paper).ToList();
        var titleWords = best.SelectMany(p => Tokens(p.Title)).ToHashSet();
        if (Leftover(words, titleWords, PaperNouns, SubmitVerbs, WhoCues).Any(w => !titleWords.Any(t => SameStem(w, t))))
        {
            return null;
        }

        return new StructureAnswer(StructureIntent.AuthorOfPaper, best[0].Title, [.. best.Select(p => new StructureItem(p.Title, p.Author))], Citation(_papersParagraph))
        {
            Paragraph = _papersParagraph?.Number,
        };
    }

    private StructureAnswer? Questions(List<string> words)
    {
        if (_document.AnnexIII is not { } paper || !words.Contains("questions") && !(words.Contains("question") && words.Contains("discussion")))
        {
            return null;
        }

        var numbers = words.Select(w => int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).Where(n => n is >= 1 and <= 9).ToList();
        var leftover = Leftover(words, QuestionNouns, Words("7 what ask asks asked are quelles sont les"));
        if (leftover.Count > 0 || !words.Any(w => w is "discussion" or "discuss" or "debate" or "debat" or "discuter" or "iii" or "3d" or "printing" or "impression" or "seven" or "sept" or "7"))
        {
            return null;
        }

        var questions = numbers is [var only] && only <= paper.Questions.Count && !words.Contains("questions")
            ? paper.Questions.Where(q => q.Number == only)
            : paper.Questions;
        return new StructureAnswer(StructureIntent.DiscussionQuestions, paper.Title, [.. questions.Select(q => new StructureItem(q.Text, q.Number.ToString(CultureInfo.InvariantCulture)))], "Annex III > Questions for discussion");
    }

    private StructureAnswer? Bodies(List<string> words)
    {
        if (!words.Any(BodyNouns.Contains) && !(words.Contains("groupe") && words.Contains("travail")))
        {
            return null;
        }

        var searchable = words.ToHashSet();
        var scored = _document.AnnexIITopics
            .Where(t => t.Bodies.Count > 0)
            .Select(t => (Topic: t, Words: Tokens(TopicHead(t.Title)).Where(IsContent).Distinct().ToList()))
            .Select(t => (t.Topic, t.Words, Hits: t.Words.Count(w => searchable.Any(q => SameStem(q, w)))))
            .Where(t => t.Hits > 0 && t.Hits * 2 >= t.Words.Count)
            .OrderByDescending(t => (double)t.Hits / t.Words.Count).ThenByDescending(t => t.Hits)
            .ToList();
        if (scored.Count == 0)
        {
            return null;
        }

        var topicWords = scored[0].Words.ToHashSet();
        if (Leftover(words, BodyNouns, BodyVerbs, Words("groupe travail working")).Any(w => !topicWords.Any(t => SameStem(w, t))))
        {
            return null;
        }

        var topic = scored[0].Topic;
        return new StructureAnswer(StructureIntent.BodiesOfTopic, TopicHead(topic.Title), [.. topic.Bodies.Select(b => new StructureItem(b))], $"Annex II > List {topic.List}");
    }

    private StructureAnswer? Members(List<string> words)
    {
        if (_members.Count == 0 || !words.Any(MemberNouns.Contains) && !(words.Contains("who") && words.Any(GroupWords.Contains)))
        {
            return null;
        }

        if (!words.Any(w => GroupWords.Contains(w) && w is not ("wco" or "omd" or "customs" or "douane" or "douanes")) && !words.Any(w => w.StartsWith("universit", StringComparison.Ordinal)))
        {
            return null;
        }

        if (Leftover(words, MemberNouns, Words("which what who are is in of the part include includes included inclus incluses sit sits represented representees represente")).Count > 0)
        {
            return null;
        }

        var group = words.Any(w => w.StartsWith("universit", StringComparison.Ordinal)) ? MemberGroup.Universities
            : words.Any(w => w is "academia" or "academic" or "academics" or "academique" or "academiques" or "private" or "prive" or "sector" or "secteur") ? MemberGroup.AcademiaAndPrivateSector
            : words.Any(w => w is "administrations" or "administration" or "countries" or "country" or "pays") ? MemberGroup.Administrations
            : MemberGroup.Everyone;
        var members = _members.Where(m => group switch
        {
            MemberGroup.Universities => m.IsUniversity,
            MemberGroup.AcademiaAndPrivateSector => !m.IsAdministration,
            MemberGroup.Administrations => m.IsAdministration,
            _ => true,
        });
        return new StructureAnswer(StructureIntent.GroupMembers, group.ToString(), [.. members.Select(m => new StructureItem(m.Name))], Citation(_membersParagraph))
        {
            Members = group,
            Paragraph = _membersParagraph?.Number,
        };
    }

    private StructureAnswer? Block(List<string> words)
    {
        if (!words.Any(w => w is "block" or "blocks" or "bloc" or "blocs" or "pilier" or "piliers"))
        {
            return null;
        }

        int? index = null;
        for (var i = 0; i < words.Count && index is null; i++)
        {
            var word = words[i];
            if (int.TryParse(OrdinalDigits().Replace(word, string.Empty), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 10)
            {
                index = n;
            }
            else if (Array.IndexOf(Ordinals, word) is >= 0 and var en)
            {
                index = en + 1;
            }
            else if (Array.IndexOf(FrenchOrdinals, word) is >= 0 and var fr)
            {
                index = fr + 1;
            }
            else if (word.Length == 1 && word[0] is >= 'a' and <= 'j' && i > 0 && words[i - 1] is "block" or "bloc" or "pilier")
            {
                index = word[0] - 'a' + 1;
            }
        }

        if (index is not { } number || number > _document.BuildingBlocks.Count
            || Leftover(words, BlockWords, Words(string.Join(' ', Ordinals.Concat(FrenchOrdinals))), Words("what which quel quelle is est")).Any(w => !OrdinalDigits().IsMatch(w) && w.Length > 1))
        {
            return null;
        }

        var block = _document.BuildingBlocks[number - 1];
        return new StructureAnswer(StructureIntent.BuildingBlock, block.Title, [new StructureItem(FirstSentences(block.C21Extract, 2))], $"Annex I > ({block.Letter}) {block.Title} > C21")
        {
            BlockLetter = block.Letter,
        };
    }

    /// <summary>A numbered paragraph cited as its passages are: its heading, then its number.</summary>
    private static string Citation(NumberedParagraph? paragraph) => paragraph is null ? string.Empty : $"{paragraph.Heading} > Paragraph {paragraph.Number}";

    private static List<string> Leftover(List<string> words, params HashSet<string>[] allowed) =>
        [.. words.Where(w => IsContent(w) && !allowed.Any(a => a.Contains(w)))];

    private static bool IsContent(string word) => !StopWords.Contains(word) && !GroupWords.Contains(word);

    /// <summary>Equal words, or words that share a stem of five letters (models/model, modèles/modele, frontière/frontières).</summary>
    private static bool SameStem(string a, string b) =>
        a == b || (a.Length >= 5 && b.Length >= 5 && string.CompareOrdinal(a, 0, b, 0, Math.Max(5, Math.Min(a.Length, b.Length) - 2)) == 0);

    /// <summary>A topic title up to its first parenthesis or comma: "Data quality (PTC, SAFE, IMSC)" is about "Data quality".</summary>
    private static string TopicHead(string title)
    {
        var cut = title.IndexOfAny(['(', ',', '–', ';']);
        return (cut > 0 ? title[..cut] : title).Trim();
    }

    private static string FirstSentences(string text, int count)
    {
        var plain = text.Replace("*", string.Empty, StringComparison.Ordinal).Trim();
        var ends = SentenceEnd().Matches(plain).Take(count).ToList();
        return ends.Count == 0 ? plain : plain[..(ends[^1].Index + 1)];
    }

    /// <summary>Lower-case, accent-folded words; apostrophes split French elisions ("l'OMD" gives "l", "omd").</summary>
    internal static List<string> Tokens(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
            }
        }

        return [.. folded.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)];
    }

    private static HashSet<string> Words(string text) => [.. Tokens(text)];

    [GeneratedRegex(@"(?<=\d)(st|nd|rd|th|e|eme|er)$")]
    private static partial Regex OrdinalDigits();

    [GeneratedRegex(@"[.!?](?=\s|$)")]
    private static partial Regex SentenceEnd();

    /// <summary>An author of papers as members name it: "CBRA" and "Cross-Border Research Association – CBRA" are one.</summary>
    private sealed record Author(string Name, HashSet<string> Words, IReadOnlyList<string[]> Names)
    {
        // French and adjectival names of the paper authors; the document names each in English only.
        private static readonly Dictionary<string, string[]> Aliases = new(StringComparer.Ordinal)
        {
            ["china"] = ["chine", "chinese", "chinois", "chinoise"],
            ["netherlands"] = ["netherland", "pays bas", "dutch", "neerlandais", "neerlandaise"],
            ["togo"] = ["togolais", "togolaise"],
            ["morocco"] = ["maroc", "moroccan", "marocain", "marocaine"],
            ["university of munster"] = ["munster", "universite de munster"],
            ["cbra"] = ["cross border research association"],
            ["hungary"] = ["hongrie", "hungarian", "hongrois", "hongroise"],
            ["un ocha"] = ["ocha", "bcah"],
            ["canada"] = ["canadian", "canadien", "canadienne"],
            ["iru"] = ["international road transport union", "union internationale des transports routiers"],
            ["us"] = ["united states", "usa", "etats unis", "american", "americain", "americaine", "u s"],
        };

        public static IReadOnlyList<Author> From(IReadOnlyList<SubmittedPaper> papers) =>
            [.. papers.Select(p => Key(p.Author)).Distinct().Select(key =>
            {
                var names = new List<string[]> { Tokens(key).ToArray() };
                names.AddRange(Aliases.GetValueOrDefault(key, []).Select(a => Tokens(a).ToArray()));
                var display = papers.Select(p => p.Author).Where(a => Key(a) == key).MinBy(a => a.Length)!;
                return new Author(display, [.. names.SelectMany(n => n)], names);
            })];

        public bool Wrote(SubmittedPaper paper) => Key(paper.Author) == string.Join(' ', Names[0]);

        public bool IsNamedIn(List<string> words) => Names.Any(name => ContainsRun(words, name));

        /// <summary>"Cross-Border Research Association – CBRA" files under its acronym, as the document's other CBRA papers do.</summary>
        private static string Key(string author)
        {
            var words = Tokens(author);
            return words.Count > 1 && words[^1].All(char.IsLetter) && words[^1].Length <= 5 && words.Take(words.Count - 1).Select(w => w[0]).SequenceEqual(words[^1].Take(words.Count - 1))
                ? words[^1]
                : string.Join(' ', words);
        }

        private static bool ContainsRun(List<string> words, string[] run)
        {
            for (var i = 0; i + run.Length <= words.Count; i++)
            {
                if (run.Select((w, j) => words[i + j] == w).All(x => x))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>A member of the group as paragraph 7 lists them: 17 administrations, then academia and the private sector.</summary>
    private sealed record GroupMember(string Name, bool IsAdministration)
    {
        public bool IsUniversity => Name.Contains("Universit", StringComparison.OrdinalIgnoreCase);

        public static IReadOnlyList<GroupMember> From(string text)
        {
            var groups = TopLevelParentheses(text).ToList();
            if (groups.Count < 2)
            {
                return [];
            }

            return [.. SplitTopLevel(groups[0]).Select(n => new GroupMember(n, true)), .. SplitTopLevel(groups[1]).Select(n => new GroupMember(n, false))];
        }

        private static IEnumerable<string> TopLevelParentheses(string text)
        {
            var depth = 0;
            var start = 0;
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '(' && depth++ == 0)
                {
                    start = i + 1;
                }
                else if (text[i] == ')' && --depth == 0)
                {
                    yield return text[start..i];
                }
            }
        }

        private static IEnumerable<string> SplitTopLevel(string list)
        {
            var depth = 0;
            var start = 0;
            for (var i = 0; i <= list.Length; i++)
            {
                if (i == list.Length || (list[i] == ',' && depth == 0))
                {
                    var item = list[start..i].Trim();
                    if (item.Length > 0)
                    {
                        yield return item;
                    }

                    start = i + 1;
                }
                else if (list[i] == '(')
                {
                    depth++;
                }
                else if (list[i] == ')')
                {
                    depth--;
                }
            }
        }
    }
}

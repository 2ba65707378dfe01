namespace FutureOfCustoms.Bot.Knowledge;

/// <summary>The structure of the VWG FC update to the PTC, as the bot's features need it.</summary>
internal sealed record KnowledgeDocument(
    string Title,
    IReadOnlyList<NumberedParagraph> Paragraphs,
    IReadOnlyList<SubmittedPaper> Papers,
    string AnnexIIntroduction,
    IReadOnlyList<AnnexISection> AnnexISections,
    IReadOnlyList<BuildingBlock> BuildingBlocks,
    IReadOnlyList<AnnexIITopic> AnnexIITopics,
    DiscussionPaper? AnnexIII,
    IReadOnlyList<Footnote> Footnotes);

internal sealed record NumberedParagraph(int Number, string Heading, string Text);

internal sealed record SubmittedPaper(string Title, string Author);

internal sealed record TitledTopic(string Title, string Text);

/// <summary>A C21 section that is not a building block (fast-changing landscape, challenges for governments, future role of the WCO).</summary>
internal sealed record AnnexISection(string Title, string C21Extract, IReadOnlyList<TitledTopic> VwgFcInput);

internal sealed record BuildingBlock(char Letter, string Title, string C21Extract, string ProgressSoFar, IReadOnlyList<TitledTopic> VwgFcInput);

internal sealed record AnnexIITopic(char List, string ListTitle, string Title, IReadOnlyList<string> Bodies, string? TakenUpBy);

internal sealed record DiscussionPaper(
    string Title,
    string Author,
    string Organisation,
    string Introduction,
    IReadOnlyList<TitledTopic> Sections,
    IReadOnlyList<DiscussionQuestion> Questions);

internal sealed record DiscussionQuestion(int Number, string Text);

internal sealed record Footnote(int Number, string Text, string CitationPath);

using FutureOfCustoms.Bot.Knowledge;
using FutureOfCustoms.Bot.Knowledge.Parsing;
using Xunit.Abstractions;

namespace FutureOfCustoms.Bot.Tests.Knowledge.Parsing;

public sealed class DocumentParserTests(ITestOutputHelper output)
{
    private static KnowledgeDocument Document => Corpus.Document;

    private static IReadOnlyList<Passage> Passages => Corpus.Passages;

    [Fact]
    public void Paragraphs_1_to_17_are_read_under_their_headings()
    {
        var paragraphs = Document.Paragraphs;

        Assert.Equal(Enumerable.Range(1, 17), paragraphs.Select(p => p.Number));
        Assert.Equal("Introduction", paragraphs[0].Heading);
        Assert.Equal("Virtual Working Group on the Future of Customs (VWG FC)", paragraphs[5].Heading);
        Assert.Equal("Action expected from the PTC", paragraphs[16].Heading);
    }

    [Fact]
    public void Paragraph_cut_by_a_page_break_is_joined_again()
    {
        var paragraph5 = Document.Paragraphs[4].Text;

        Assert.Contains("had been mentioned during the panel and plenary discussion", paragraph5, StringComparison.Ordinal);
    }

    [Fact]
    public void Sixteen_papers_are_read_with_the_member_or_body_that_submitted_them()
    {
        var papers = Document.Papers;

        Assert.Equal(16, papers.Count);
        Assert.Contains(new SubmittedPaper("3D printing", "China"), papers);
        Assert.Contains(new SubmittedPaper("Natural disaster relief", "UN OCHA"), papers);
        Assert.Contains(new SubmittedPaper("Future Role of the WCO", "University of Münster"), papers);
        Assert.Contains(new SubmittedPaper("Survey on Law Enforcement Agencies' Training Needs", "CBRA"), papers);
        Assert.Contains(new SubmittedPaper("Strategic Plan Survey", "US"), papers);
    }

    [Fact]
    public void Ten_building_blocks_are_read_with_their_titles()
    {
        var titles = Document.BuildingBlocks.Select(b => $"({b.Letter}) {b.Title}");

        Assert.Equal(
        [
            "(a) Globally networked Customs",
            "(b) Better coordinated border management",
            "(c) Intelligence-driven risk management",
            "(d) Customs-Trade partnership",
            "(e) Implementation of modern working methods, procedures and techniques",
            "(f) Enabling technology and tools",
            "(g) Enabling powers",
            "(h) A professional, knowledge-based service culture",
            "(i) Capacity building",
            "(j) Integrity",
        ], titles);
    }

    [Fact]
    public void Sub_list_items_i_to_v_stay_inside_building_block_a()
    {
        var blockA = Document.BuildingBlocks[0];

        Assert.Contains("(v) A set of rules governing the exchange of information", blockA.C21Extract, StringComparison.Ordinal);
        Assert.Equal("Capacity building", Document.BuildingBlocks[8].Title);
    }

    [Fact]
    public void Building_block_b_has_its_progress_and_two_titled_inputs()
    {
        var blockB = Document.BuildingBlocks[1];

        Assert.StartsWith("Since 2008 a lot of progress has been made in the area of CBM.", blockB.ProgressSoFar, StringComparison.Ordinal);
        Assert.Equal(["Border models", "Enhanced Cooperation between Customs and Tax administrations"], blockB.VwgFcInput.Select(t => t.Title));
    }

    [Fact]
    public void Sections_around_the_building_blocks_are_read_with_their_titled_inputs()
    {
        var sections = Document.AnnexISections.ToDictionary(s => s.Title, s => s.VwgFcInput.Select(t => t.Title).ToList());

        Assert.Equal(["Fast-changing landscape", "Challenges for governments", "Future role of the WCO"], sections.Keys);
        Assert.Equal(["Trade Facilitation", "E-commerce", "3D printing", "Natural Disaster Relief"], sections["Fast-changing landscape"]);
        Assert.Equal(6, sections["Challenges for governments"].Count);
        Assert.Equal(["New role of the WCO"], sections["Future role of the WCO"]);
    }

    [Fact]
    public void Annex_II_topics_keep_the_WCO_bodies_named_in_brackets()
    {
        var dataQuality = Assert.Single(Document.AnnexIITopics, t => t.Title == "Data quality");

        Assert.Equal('b', dataQuality.List);
        Assert.Equal(["PTC", "SAFE", "IMSC"], dataQuality.Bodies);
        Assert.Equal(["a", "b", "c", "d"], Document.AnnexIITopics.Select(t => t.List.ToString()).Distinct());
    }

    [Fact]
    public void Annex_II_records_who_took_a_topic_up()
    {
        var exchange = Assert.Single(Document.AnnexIITopics, t => t.Title == "Exchange of information, incl. with tax administrations");
        var borderModels = Assert.Single(Document.AnnexIITopics, t => t.List == 'd' && t.Title == "Border Models");

        Assert.Equal(["PTC", "EC", "SAFE", "TCCV"], exchange.Bodies);
        Assert.Equal("VWG FC member", exchange.TakenUpBy);
        Assert.Equal("China", borderModels.TakenUpBy);
        Assert.Equal(16, Document.AnnexIITopics.Count(t => t.List == 'd'));
    }

    [Fact]
    public void Annex_III_is_read_with_its_author_sections_and_seven_questions()
    {
        var paper = Assert.IsType<DiscussionPaper>(Document.AnnexIII);

        Assert.Equal("SHAO Weijian", paper.Author);
        Assert.Equal("China Customs", paper.Organisation);
        Assert.Equal(["3D printing", "Industry 4.0", "Impacts of 3D Printing to Customs management", "Possible solutions"], paper.Sections.Select(s => s.Title));
        Assert.Equal(Enumerable.Range(1, 7), paper.Questions.Select(q => q.Number));
        Assert.Equal("How to safeguard the IPR for the 3D printing?", paper.Questions[5].Text);
    }

    [Fact]
    public void Footnotes_are_set_apart_where_they_occur()
    {
        var asymmetry = Assert.Single(Document.Footnotes, f => f.Number == 3);

        Assert.StartsWith("\"Information asymmetry\" means", asymmetry.Text, StringComparison.Ordinal);
        Assert.Equal("Annex I > (j) Integrity > Progress so far", asymmetry.CitationPath);
    }

    [Fact]
    public void No_passage_is_longer_than_the_maximum()
    {
        Assert.All(Passages, p => Assert.InRange(p.Text.Length, 1, Passage.MaxLength));
    }

    [Fact]
    public void Page_markers_footnote_marks_and_emphasis_are_gone()
    {
        Assert.DoesNotContain(Passages, p => p.Text.Contains("I/2.", StringComparison.Ordinal) || p.Text.Contains('*', StringComparison.Ordinal) || p.Text.Contains('²', StringComparison.Ordinal));
    }

    [Fact]
    public void Passage_ids_are_unique()
    {
        Assert.Equal(Passages.Count, Passages.Select(p => p.Id).Distinct().Count());
    }

    [Fact]
    public void Building_block_b_progress_is_its_own_passage_with_its_citation()
    {
        var passage = Assert.Single(Passages, p => p.Id == "bb-b-progress-1");

        Assert.Equal("Annex I > (b) Better coordinated border management > Progress so far", passage.CitationPath);
        Assert.Equal('b', passage.BuildingBlock);
        Assert.Equal(PassageKind.ProgressSoFar, passage.Kind);
    }

    [Fact]
    public void Numbered_paragraphs_carry_their_number()
    {
        var passage = Assert.Single(Passages, p => p.Id == "para-15");

        Assert.Equal(15, passage.ParagraphNumber);
        Assert.Equal("Prioritizing topics for research", passage.Title);
    }

    [Fact]
    public void Passages_are_answer_sized_and_never_end_mid_word()
    {
        Assert.All(Passages, p =>
        {
            Assert.InRange(p.Text.Length, 1, Passage.MaxLength);
            Assert.Matches(@"[\p{L}\p{N}.;:!?)”""’»%/>-]$", p.Text);
        });
        Assert.InRange(Passages.Select(p => p.Text.Length).Order().ElementAt(Passages.Count / 2), 100, 700);
    }

    [Fact]
    public void Each_piece_of_a_cut_list_repeats_the_sentence_that_leads_into_it()
    {
        var pieces = Passages.Where(p => p.Id.StartsWith("para-11-", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, pieces.Count);
        Assert.All(pieces, p => Assert.StartsWith("The following papers were submitted by the VWG FC members", p.Text, StringComparison.Ordinal));
        Assert.Contains(pieces, p => p.Text.Contains("- 3D printing (China)", StringComparison.Ordinal));
        Assert.Contains(pieces, p => p.Text.Contains("- Strategic Plan Survey (US)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_long_paragraph_is_cut_at_sentence_ends_into_numbered_pieces()
    {
        var pieces = Passages.Where(p => p.Id.StartsWith("annex1-fast-changing-landscape-natural-disaster-relief-", StringComparison.Ordinal)).ToList();

        Assert.Equal(["annex1-fast-changing-landscape-natural-disaster-relief-1", "annex1-fast-changing-landscape-natural-disaster-relief-2"], pieces.Select(p => p.Id));
        Assert.All(pieces, p => Assert.EndsWith(".", p.Text, StringComparison.Ordinal));
        Assert.All(pieces, p => Assert.Equal("Natural Disaster Relief", p.Title));
    }

    [Fact]
    public void Annex_ii_topics_keep_their_list_label_in_the_citation()
    {
        Assert.Equal(["a", "b", "c", "d"], Passages.Where(p => p.Kind == PassageKind.AnnexIITopic).Select(p => p.CitationPath.Split(" > ")[1][..1]).Distinct());
        Assert.Equal("Annex II > d) Topics taken up by volunteers of the VWGC > 3D printing", Passages.Single(p => p.Id == "annex2-d-3d-printing").CitationPath);
    }

    [Fact]
    public void Passages_are_listed_for_review()
    {
        foreach (var passage in Passages)
        {
            output.WriteLine($"{passage.Id}\t{passage.CitationPath}\t{passage.Text.ReplaceLineEndings(" ")}");
        }

        Assert.NotEmpty(Passages);
    }
}

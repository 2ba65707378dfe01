using FutureOfCustoms.Bot.Knowledge.Structured;

namespace FutureOfCustoms.Bot.Tests.Knowledge.Structured;

public class StructureQuestionsTests
{
    private static readonly StructureQuestions Structure = new(Corpus.Document);

    [Theory]
    [InlineData("Which papers did China submit?")]
    [InlineData("What papers has China written for the group?")]
    [InlineData("Quels documents la Chine a-t-elle soumis ?")]
    public void Papers_by_an_author_are_exactly_that_authors_papers(string question)
    {
        var answer = Structure.TryAnswer(question);

        Assert.NotNull(answer);
        Assert.Equal(StructureIntent.PapersByAuthor, answer.Intent);
        Assert.Equal(["3D printing", "Border Models", "E-commerce"], answer.Items.Select(i => i.Text));
    }

    [Fact]
    public void The_cbra_papers_include_the_one_filed_under_its_full_name()
    {
        var answer = Structure.TryAnswer("Which papers did CBRA submit?");

        Assert.NotNull(answer);
        Assert.Equal(4, answer.Items.Count);
        Assert.Contains(answer.Items, i => i.Text == "Integrated Supply Chain Management");
    }

    [Theory]
    [InlineData("Who wrote the paper on border models?", "Border Models", "China")]
    [InlineData("Who submitted the paper on natural disaster relief?", "Natural disaster relief", "UN OCHA")]
    [InlineData("Qui a rédigé le document sur les border models ?", "Border Models", "China")]
    public void The_author_of_a_named_paper_is_given(string question, string title, string author)
    {
        var answer = Structure.TryAnswer(question);

        Assert.NotNull(answer);
        Assert.Equal(StructureIntent.AuthorOfPaper, answer.Intent);
        var paper = Assert.Single(answer.Items);
        Assert.Equal((title, author), (paper.Text, paper.Detail));
    }

    [Fact]
    public void A_french_topic_reaches_its_bodies_through_the_glossary()
    {
        const string question = "Quel organe de l'OMD traite de la qualité des données ?";

        var answer = Structure.TryAnswer(Corpus.French.ToEnglish(question), typed: question);

        Assert.NotNull(answer);
        Assert.Equal(["PTC", "SAFE", "IMSC"], answer.Items.Select(i => i.Text));
    }

    [Fact]
    public void A_french_title_reaches_the_paper_through_the_glossary_words()
    {
        const string question = "Qui a rédigé le document sur les modèles de frontière ?";

        var answer = Structure.TryAnswer(Corpus.French.ToEnglish(question), typed: question);

        Assert.NotNull(answer);
        Assert.Equal("China", Assert.Single(answer.Items).Detail);
    }

    [Theory]
    [InlineData("What are the discussion questions?")]
    [InlineData("What are the discussion questions on 3D printing?")]
    [InlineData("Quelles sont les questions de discussion ?")]
    public void The_discussion_questions_are_all_seven(string question)
    {
        var answer = Structure.TryAnswer(question);

        Assert.NotNull(answer);
        Assert.Equal(StructureIntent.DiscussionQuestions, answer.Intent);
        Assert.Equal(7, answer.Items.Count);
    }

    [Theory]
    [InlineData("Which WCO body deals with data quality?", new[] { "PTC", "SAFE", "IMSC" })]
    [InlineData("Which committees handle e-commerce?", new[] { "PTC", "EC", "PC", "TCRO" })]
    [InlineData("Which WCO bodies deal with informal trade?", new[] { "PTC", "CBC", "PICARD" })]
    public void The_bodies_of_an_annex_ii_topic_are_listed(string question, string[] bodies)
    {
        var answer = Structure.TryAnswer(question);

        Assert.NotNull(answer);
        Assert.Equal(StructureIntent.BodiesOfTopic, answer.Intent);
        Assert.Equal(bodies, answer.Items.Select(i => i.Text));
    }

    [Theory]
    [InlineData("Which universities are in the group?")]
    [InlineData("Quelles universités font partie du groupe ?")]
    public void The_universities_of_the_group_are_the_two_in_paragraph_7(string question)
    {
        var answer = Structure.TryAnswer(question);

        Assert.NotNull(answer);
        Assert.Equal(MemberGroup.Universities, answer.Members);
        Assert.Equal(["Eindhoven Technical University (ETU)", "University of Münster"], answer.Items.Select(i => i.Text));
    }

    [Fact]
    public void The_administrations_of_the_group_are_the_seventeen()
    {
        var answer = Structure.TryAnswer("Which administrations are members of the group?");

        Assert.NotNull(answer);
        Assert.Equal(MemberGroup.Administrations, answer.Members);
        Assert.Equal(17, answer.Items.Count);
        Assert.Contains(answer.Items, i => i.Text == "Togo");
    }

    [Theory]
    [InlineData("What does building block 4 cover?", 'd')]
    [InlineData("What is the fourth building block about?", 'd')]
    [InlineData("Que couvre le bloc 4 ?", 'd')]
    [InlineData("What does building block j cover?", 'j')]
    public void A_building_block_by_number_is_named_with_its_c21_aim(string question, char letter)
    {
        var answer = Structure.TryAnswer(question);

        Assert.NotNull(answer);
        Assert.Equal(StructureIntent.BuildingBlock, answer.Intent);
        Assert.Equal(letter, answer.BlockLetter);
    }

    [Theory]
    [InlineData("What does China's paper on e-commerce say?")]
    [InlineData("What does building block 4 say about AEO programmes?")]
    [InlineData("How are border agencies being reorganised?")]
    [InlineData("What is coordinated border management?")]
    [InlineData("Who is the moderator of the group?")]
    [InlineData("What is the capital of Australia?")]
    [InlineData("What are the risks of 3D printing for customs revenue?")]
    [InlineData("")]
    public void A_question_a_passage_answers_better_is_not_claimed(string question)
    {
        Assert.Null(Structure.TryAnswer(question));
    }
}

using FutureOfCustoms.Bot.Knowledge.Search;

namespace FutureOfCustoms.Bot.Tests.Knowledge.Search;

public sealed class FrenchQueryTests
{
    [Theory]
    [InlineData("Qu'est-ce que la gestion coordonnée des frontières ?", "coordinated border management")]
    [InlineData("Quelles sont les conséquences de l'impression 3D pour la douane ?", "3D printing")]
    [InlineData("Comment l'OMD voit-elle le guichet unique ?", "WCO")]
    [InlineData("Comment l’OMD voit-elle le GUICHET UNIQUE ?", "single window")]
    [InlineData("Quel est le rôle des opérateurs économiques agréés ?", "authorized economic operator")]
    [InlineData("Le contrôle a posteriori est-il prévu ?", "post-clearance audit")]
    public void Official_terms_are_rewritten_in_the_document_s_english_whatever_the_elision_case_or_accents(string question, string english)
    {
        // Act
        var rewritten = Corpus.French.ToEnglish(question);

        // Assert
        Assert.Contains(english, rewritten, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Words_the_glossary_lacks_are_kept_and_french_function_words_dropped()
    {
        // Act
        var rewritten = Corpus.French.ToEnglish("Qu'est-ce que le programme Mercator ?");

        // Assert
        Assert.Equal("Mercator Programme", rewritten);
    }

    [Theory]
    [InlineData("Qu'est-ce que la gestion coordonnée des frontières ?", true)]
    [InlineData("Pourquoi le commerce électronique entraîne-t-il des pertes ?", true)]
    [InlineData("What is coordinated border management?", false)]
    [InlineData("What does the group say about the Revised Kyoto Convention?", false)]
    [InlineData("e-commerce", false)]
    public void A_question_reads_as_french_by_its_function_words(string question, bool french)
    {
        Assert.Equal(french, FrenchQuery.IsFrench(question));
    }
}

using FutureOfCustoms.Bot.Knowledge.Search;

namespace FutureOfCustoms.Bot.Tests.Knowledge.Search;

public sealed class AnswerSentencesTests
{
    [Fact]
    public void Sentences_end_at_full_stops_and_line_ends_but_not_at_abbreviations()
    {
        const string text = "Customs needs data, e.g. manifests. It also needs:\n- partners\n- trust. Done!";

        var sentences = AnswerSentences.Split(text).Select(s => s.Of(text)).ToList();

        Assert.Equal(["Customs needs data, e.g. manifests.", "It also needs:", "partners", "trust.", "Done!"], sentences);
    }
}

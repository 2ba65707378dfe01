using System.Globalization;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Knowledge.Search;

namespace FutureOfCustoms.Bot.Knowledge.Structured;

/// <summary>Questions the document's structure answers exactly (see <see cref="StructureQuestions"/>), as messages.</summary>
internal sealed class StructuredAnswers(KnowledgeBase knowledge, FrenchQuery french, StructuredAnswerCards cards)
{
    private readonly Lazy<StructureQuestions> _questions = new(() => new StructureQuestions(knowledge.Document));

    /// <summary>The answer message, or null when the question is for the passage search. A French question is read
    /// as typed first (its cue words are known in French), then in the glossary's English, which names the
    /// document's titles and topics, with the cue words as typed.</summary>
    public OutgoingMessage? TryAnswer(string question, CultureInfo culture)
    {
        var answer = _questions.Value.TryAnswer(question)
            ?? (FrenchQuery.IsFrench(question) ? _questions.Value.TryAnswer(french.ToEnglish(question), typed: question) : null);
        return answer is null ? null : cards.Answer(answer, culture);
    }
}

using System.Globalization;
using FutureOfCustoms.Bot.Commands;

namespace FutureOfCustoms.Bot.Knowledge.Structured;

/// <summary>Questions the document's structure answers exactly (see <see cref="StructureQuestions"/>), as messages.</summary>
internal sealed class StructuredAnswers(KnowledgeBase knowledge, StructuredAnswerCards cards)
{
    private readonly Lazy<StructureQuestions> _questions = new(() => new StructureQuestions(knowledge.Document));

    /// <summary>The answer message, or null when the question is for the passage search.</summary>
    public OutgoingMessage? TryAnswer(string question, CultureInfo culture) =>
        _questions.Value.TryAnswer(question) is { } answer ? cards.Answer(answer, culture) : null;
}

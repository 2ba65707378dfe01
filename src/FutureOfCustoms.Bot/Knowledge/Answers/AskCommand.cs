using System.Globalization;
using FutureOfCustoms.Bot.Cards;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Knowledge.Structured;
using FutureOfCustoms.Bot.Observability;

namespace FutureOfCustoms.Bot.Knowledge.Answers;

/// <summary>
/// Any text that is no command: the best passage of the group's documents with its citation, or an honest
/// "nothing relevant" with the closest topics. Every question is recorded for the digest.
/// </summary>
internal sealed class AskCommand(KnowledgeBase knowledge, StructuredAnswers structured, QuestionLog questions, AnswerCards answers, ICardRenderer cards, BotTelemetry telemetry) : ICommandHandler
{
    public const int MaxQuestionLength = 500;
    public const int ResultCount = 3;
    public const int ClosestTopicCount = 3;

    public const string QuestionField = "question";

    public async Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var text = (context.IsFromCard ? context.Data.GetString(QuestionField) : context.Arguments)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return CommandReply.Refusal(KnowledgeStrings.Ask_Empty);
        }

        if (text.Length > MaxQuestionLength)
        {
            return CommandReply.Refusal(string.Format(CultureInfo.CurrentCulture, KnowledgeStrings.Ask_TooLong, MaxQuestionLength));
        }

        // Papers, authors, bodies, members, blocks and the seven questions are answered exactly from the parsed document.
        if (structured.TryAnswer(text, context.Culture) is { } exact)
        {
            await questions.RecordAsync(text, context.Conversation.Kind, answered: true, bestPassageId: null, cancellationToken);
            return new CommandReply { Messages = [exact] };
        }

        var result = await knowledge.AnswerAsync(text, ResultCount, cancellationToken);
        var best = result.HasRelevantAnswer ? result.Hits[0].Passage.Id : null;
        var question = await questions.RecordAsync(text, context.Conversation.Kind, result.HasRelevantAnswer, best, cancellationToken);
        telemetry.Answer(result.HasRelevantAnswer);
        if (result.HasRelevantAnswer)
        {
            return new CommandReply { Messages = [answers.Answer(question, result)] };
        }

        var topics = await knowledge.ClosestTopicsAsync(text, ClosestTopicCount, cancellationToken);
        var card = cards.Render("knowledge-unanswered", new
        {
            heading = KnowledgeStrings.Unanswered_Heading,
            question = text,
            message = KnowledgeStrings.Unanswered_Message,
            topicsHeading = topics.Count > 0 ? KnowledgeStrings.Unanswered_ClosestTopics : KnowledgeStrings.Unanswered_NoTopics,
            topics = topics.Select(t => new { title = t.Title }),
        });
        return CommandReply.Card(card, KnowledgeStrings.Unanswered_Heading);
    }
}

using FutureOfCustoms.Bot.Commands;

namespace FutureOfCustoms.Bot.Knowledge.Answers;

/// <summary>"Helpful / not helpful" on an answer: one vote per member per question, a second click changes it.</summary>
internal sealed class FeedbackCommand(KnowledgeBase knowledge, QuestionLog questions, AnswerCards answers) : ICommandHandler
{
    public const string QuestionIdField = "questionId";
    public const string VoteField = "vote";

    public async Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var id = context.Data.GetString(QuestionIdField);
        AnswerVote? vote = context.Data.GetString(VoteField) switch
        {
            "helpful" => AnswerVote.Helpful,
            "notHelpful" => AnswerVote.NotHelpful,
            _ => null,
        };
        if (vote is null || !QuestionLog.IsWellFormed(id))
        {
            return CommandReply.Refusal(KnowledgeStrings.Feedback_Invalid);
        }

        var question = await questions.GetAsync(id!, cancellationToken);
        if (question is not { Answered: true })
        {
            return CommandReply.Refusal(KnowledgeStrings.Feedback_Invalid);
        }

        // The same member key as ballots, answers and suggestions: an empty Entra id falls back to the channel id too,
        // or every member without one would share, and overwrite, one vote.
        var member = context.User.Key;
        question = await questions.VoteAsync(question.Id, member, vote.Value, cancellationToken);
        var result = await knowledge.AnswerAsync(question!.Text, AskCommand.ResultCount, cancellationToken);
        if (!result.HasRelevantAnswer)
        {
            // The index changed since the answer: keep the vote, thank in words rather than show another answer.
            return CommandReply.Text(vote == AnswerVote.Helpful ? KnowledgeStrings.Feedback_ThanksHelpful : KnowledgeStrings.Feedback_ThanksNotHelpful);
        }

        return CommandReply.Update(answers.Answer(question, result, vote).Card!);
    }
}

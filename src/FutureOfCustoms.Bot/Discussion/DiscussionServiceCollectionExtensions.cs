using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Digest;

namespace FutureOfCustoms.Bot.Discussion;

internal static class DiscussionServiceCollectionExtensions
{
    /// <summary>What follows a command that names a discussion: nothing (Annex III) or one set name.</summary>
    private const string OptionalName = "^([A-Za-z0-9][A-Za-z0-9-]{0,39})?$";

    public static IServiceCollection AddDiscussion(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DiscussionOptions>()
            .Bind(configuration.GetSection(DiscussionOptions.SectionName))
            .Validate(o => o.MaxAnswerLength is >= 100 and <= 10_000, "Discussion:MaxAnswerLength must be between 100 and 10000 characters (the issue asks for 4000).")
            .Validate(o => o.MaxVersionsPerAnswer is >= 1 and <= 40, "Discussion:MaxVersionsPerAnswer must be between 1 and 40: every version is kept in one document, which must stay well under 500 KB.")
            .Validate(o => o.ResponsesExcerptLength is >= 50 and <= 2000, "Discussion:ResponsesExcerptLength must be between 50 and 2000 characters (a Teams card holds about 28 KB).")
            .ValidateOnStart();
        services.AddSingleton<DiscussionStore>();
        services.AddSingleton<DiscussionCards>();
        services.AddSingleton<DiscussionExport>();
        services.AddSingleton<DiscussionBoard>();
        services.AddSingleton<IDigestSource, DiscussionDigestSource>();

        services.AddCommand<DiscussCommand>(Named("discuss", "discuss", () => DiscussionStrings.Discuss_Description, typeof(DiscussCommand)));
        services.AddCommand<DiscussCommand>("discussion.new", "discuss new", () => DiscussionStrings.DiscussNew_Description, moderatorOnly: true);
        services.AddCommand<DiscussCommand>("discussion.create", null, null, moderatorOnly: true);
        services.AddCommand<DiscussCommand>("discussion.show", null, null);
        services.AddCommand<DiscussCommand>("discussion.paper", null, null);

        services.AddCommand<AnswerCommand>("discussion.answer", null, null);
        services.AddCommand<AnswerCommand>("discussion.save", null, null);
        services.AddCommand<AnswerCommand>("discussion.mine", null, null);

        services.AddCommand<ModerationCommand>(Named("responses", "responses", () => DiscussionStrings.Responses_Description, typeof(ModerationCommand)));
        services.AddCommand<ModerationCommand>(Named("responses.export", "export responses", () => DiscussionStrings.ExportResponses_Description, typeof(ModerationCommand)));
        services.AddCommand<ModerationCommand>(Named("discussion.close", "close discussion", () => DiscussionStrings.CloseDiscussion_Description, typeof(ModerationCommand)));
        services.AddCommand<ModerationCommand>(Named("discussion.reopen", "reopen discussion", () => DiscussionStrings.ReopenDiscussion_Description, typeof(ModerationCommand)));
        return services.AddCommand<ModerationCommand>(Named("discussion.remind", "remind discussion", () => DiscussionStrings.RemindDiscussion_Description, typeof(ModerationCommand)));
    }

    private static CommandDefinition Named(string verb, string text, Func<string> description, Type handler) => new()
    {
        Verb = verb,
        Handler = handler,
        Text = text,
        Usage = "[name]",
        Arguments = OptionalName,
        ModeratorOnly = true,
        Description = description,
    };
}

using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FutureOfCustoms.Bot.Commands;

internal static class CommandServiceCollectionExtensions
{
    /// <summary>
    /// Adds a row to the routing table. Handlers keep nothing between calls, so one instance serves every turn and
    /// no container scope is made per turn (under 200 simultaneous votes, the scopes' locks showed in the profile).
    /// </summary>
    public static IServiceCollection AddCommand<THandler>(this IServiceCollection services, CommandDefinition definition)
        where THandler : class, ICommandHandler
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Handler != typeof(THandler))
        {
            throw new ArgumentException($"Command '{definition.Verb}' names handler {definition.Handler.Name}, not {typeof(THandler).Name}.", nameof(definition));
        }

        services.AddSingleton(definition);
        services.TryAddSingleton<THandler>();
        return services;
    }

    public static IServiceCollection AddCommand<THandler>(this IServiceCollection services, string verb, string? text, Func<string>? description, bool moderatorOnly = false, string? usage = null)
        where THandler : class, ICommandHandler
        => services.AddCommand<THandler>(new CommandDefinition
        {
            Verb = verb,
            Handler = typeof(THandler),
            Text = text,
            Description = description,
            ModeratorOnly = moderatorOnly,
            Usage = usage,
        });

    public static IServiceCollection AddCommands(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BotOptions>()
            .Bind(configuration.GetSection(BotOptions.SectionName))
            .Validate(o => o.Moderators.All(id => Guid.TryParse(id, out _)), "Bot:Moderators must list Entra object ids (GUIDs), e.g. \"00000000-0000-0000-0000-000000000001\".")
            .ValidateOnStart();
        services.AddSingleton<CommandCatalog>();
        services.AddSingleton<CommandRouter>();
        services.AddSingleton<IModeratorPolicy, ConfiguredModeratorPolicy>();
        services.AddCommand<HelpCommand>("help", "help", () => CommandStrings.Help_Description);
        return services;
    }
}

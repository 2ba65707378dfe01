using Azure.Core;
using FutureOfCustoms.Bot.Commands;
using FutureOfCustoms.Bot.Hosting;
using FutureOfCustoms.Bot.Members;
using FutureOfCustoms.Bot.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FutureOfCustoms.Bot.Graph;

internal static class GraphServiceCollectionExtensions
{
    /// <summary>
    /// Graph-backed moderators and profiles take the place of the configured and remembered ones (so this runs after
    /// AddCommands and AddMembers); each checks at run time whether Graph is configured and falls back when not.
    /// </summary>
    internal static IServiceCollection AddGraph(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GraphOptions>()
            .Bind(configuration.GetSection(GraphOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<GraphOptions>, GraphOptionsValidator>();
        services.AddKeyedSingleton<TokenCredential>(GraphOptions.SectionName, (sp, _) => GraphConnection.CreateCredential(sp.GetRequiredService<IOptions<GraphOptions>>().Value));
        services.AddSingleton<GraphConnection>();
        services.AddSingleton(typeof(GraphCache<>));
        services.AddSingleton<GraphDirectory>();
        services.AddSingleton<SharedFiles>();
        services.AddSingleton<SharedFileIndexer>();
        services.AddSingleton<IWorkHandler>(sp => sp.GetRequiredService<SharedFileIndexer>());
        services.AddSingleton<IHealthFacet, GraphHealthFacet>();

        services.AddSingleton<ConfiguredModeratorPolicy>();
        services.Replace(ServiceDescriptor.Singleton<IModeratorPolicy, GraphModeratorPolicy>());
        services.AddSingleton<MemberProfiles>();
        services.Replace(ServiceDescriptor.Singleton<IMemberProfiles, GraphMemberProfiles>());

        services.AddCommand<IndexLinkCommand>(new CommandDefinition
        {
            Verb = IndexLinkCommand.Verb,
            Handler = typeof(IndexLinkCommand),
            Text = "index",
            Usage = "<link>",
            Arguments = IndexLinkCommand.LinkPattern,
            ModeratorOnly = true,
            Description = () => GraphStrings.Index_Description,
            IsEnabled = sp => sp.GetRequiredService<GraphConnection>().Enabled,
        });
        return services;
    }
}

using System.Reflection;
using FutureOfCustoms.Bot.Commands;
using NetArchTest.Rules;

namespace FutureOfCustoms.Bot.Tests.Architecture;

/// <summary>
/// The boundaries the README describes, checked on the built assembly: Bot Framework types only in Teams/, and no
/// feature reaching into another feature's internals. A feature's internals are the types of its sub-folders
/// (sub-namespaces such as Knowledge.Search, Knowledge.Parsing, Knowledge.Answers); what sits in its root folder
/// (KnowledgeBase, IDigestSource, DigestSection, ...) is what it offers the others, and so are the few sub-folder
/// types listed in <see cref="Offered"/>, each with the reason another folder needs it. A new crossing fails here
/// until it is either moved behind the feature's root or listed, with its reason, on purpose.
/// </summary>
public sealed class ArchitectureTests
{
    private const string Root = "FutureOfCustoms.Bot";

    private static readonly Assembly Bot = typeof(CommandContext).Assembly;

    public static TheoryData<string> Features => new() { "Knowledge", "Suggestions", "Polls", "Discussion", "Digest" };

    private static readonly Dictionary<Type, string> Offered = new()
    {
        [typeof(global::FutureOfCustoms.Bot.Knowledge.Answers.PassageSearch)] = "Teams/ answers the message extension's passage search (a Teams-only surface)",
        [typeof(global::FutureOfCustoms.Bot.Knowledge.Answers.PassageResult)] = "what that passage search answers",
        [typeof(global::FutureOfCustoms.Bot.Knowledge.Search.SearchHit)] = "KnowledgeBase.SearchAsync answers hits, which Suggestions reads for similar topics",
        [typeof(global::FutureOfCustoms.Bot.Knowledge.Parsing.DocumentReader)] = "Graph/ reads a shared file into text the way Knowledge reads its own corpus",
        [typeof(global::FutureOfCustoms.Bot.Knowledge.Catalogue.AddedDocumentLog)] = "Graph/ records a document it indexed, for the catalogue and the digest",
        [typeof(global::FutureOfCustoms.Bot.Knowledge.Answers.QuestionLog)] = "Board/ shows moderators the questions the documents did not answer",
        [typeof(global::FutureOfCustoms.Bot.Knowledge.Answers.QuestionRecord)] = "what the question log holds, read by the board",
    };

    [Fact]
    public void Bot_framework_types_appear_only_in_the_teams_folder()
    {
        var result = Types.InAssembly(Bot)
            .That().DoNotResideInNamespace($"{Root}.Teams")
            .ShouldNot().HaveDependencyOnAny("Microsoft.Bot", "Microsoft.Rest")
            .GetResult();

        Assert.True(result.IsSuccessful, Describe("use Bot Framework types outside Teams/", result));
    }

    [Theory]
    [MemberData(nameof(Features))]
    public void No_other_folder_reaches_into_a_features_sub_folders(string feature)
    {
        var own = $"{Root}.{feature}";
        var internals = Bot.GetTypes()
            .Where(t => t.Namespace?.StartsWith(own + ".", StringComparison.Ordinal) == true && !t.IsNested && !Offered.ContainsKey(t))
            .Select(t => t.FullName!)
            .ToArray();
        if (internals.Length == 0)
        {
            return;
        }

        var result = Types.InAssembly(Bot).That().DoNotResideInNamespace(own).ShouldNot().HaveDependencyOnAny(internals).GetResult();

        Assert.True(result.IsSuccessful, Describe($"reach into the internals of {feature}/", result));
    }

    [Fact]
    public void The_rule_would_catch_a_folder_reaching_into_knowledge_search()
    {
        // Knowledge's own answers do use its search: the rule sees the dependency, so a foreign folder would fail.
        var result = Types.InAssembly(Bot)
            .That().ResideInNamespace($"{Root}.Knowledge.Answers")
            .ShouldNot().HaveDependencyOn($"{Root}.Knowledge.Search")
            .GetResult();

        Assert.False(result.IsSuccessful);
    }

    private static string Describe(string rule, TestResult result)
        => $"These types {rule}: {string.Join(", ", result.FailingTypeNames ?? [])}";
}

using FutureOfCustoms.Bot.Commands;

namespace FutureOfCustoms.Bot.Tests.Commands;

public sealed class CommandCatalogTests
{
    private static readonly CommandCatalog Catalog = new(
    [
        Definition("help", "help"),
        Definition("digest", "digest"),
        Definition("digest.post", "digest post"),
        Definition("block", "block", arguments: "^[a-j]$"),
        Definition("ask", "ask", arguments: CommandDefinition.AnyText, fallback: true),
        Definition("vote", null),
    ]);

    [Theory]
    [InlineData("help", "help", "")]
    [InlineData("HELP", "help", "")]
    [InlineData("  Help  ", "help", "")]
    [InlineData("digest", "digest", "")]
    [InlineData("Digest   POST", "digest.post", "")]
    [InlineData("block C", "block", "C")]
    [InlineData("block", "block", "")]
    [InlineData("aide", "help", "")]
    [InlineData("Aide", "help", "")]
    [InlineData("résumé post", "digest.post", "")]
    [InlineData("resume", "digest", "")]
    [InlineData("pilier c", "block", "c")]
    public void Typed_commands_match_case_insensitively_with_the_longest_words_first(string text, string verb, string arguments)
    {
        var (definition, rest) = Catalog.MatchText(text);

        Assert.Equal(verb, definition.Verb);
        Assert.Equal(arguments, rest);
    }

    [Theory]
    [InlineData("help me find the AEO passage")]
    [InlineData("block chain in customs?")]
    [InlineData("What are the 10 building blocks?")]
    [InlineData("aide à l'exportation ?")]
    [InlineData("Résumé du document sur l'impression 3D ?")]
    [InlineData("")]
    public void Text_that_is_no_command_is_a_question(string text)
    {
        var (definition, rest) = Catalog.MatchText(text);

        Assert.Equal("ask", definition.Verb);
        Assert.Equal(text.Trim(), rest);
    }

    [Fact]
    public void Card_only_verbs_are_found_by_verb_but_never_by_text()
    {
        Assert.Equal("vote", Catalog.FindByVerb("vote")?.Verb);
        Assert.Equal("ask", Catalog.MatchText("vote").Definition.Verb);
    }

    [Fact]
    public void A_verb_registered_twice_is_refused_at_start()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new CommandCatalog([Definition("ask", "ask", fallback: true), Definition("ask", "other")]));

        Assert.Contains("'ask'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_table_needs_exactly_one_receiver_of_free_text()
    {
        Assert.Throws<InvalidOperationException>(() => new CommandCatalog([Definition("help", "help")]));
    }

    private static CommandDefinition Definition(string verb, string? text, string arguments = CommandDefinition.NoArguments, bool fallback = false) => new()
    {
        Verb = verb,
        Text = text,
        Handler = typeof(ICommandHandler),
        Arguments = arguments,
        IsFallback = fallback,
    };
}

using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FutureOfCustoms.Bot.Cards;

/// <summary>
/// One template, parsed once into a tree that renders without re-reading the JSON or re-parsing expressions;
/// immutable, so one instance serves concurrent renders.
/// </summary>
internal sealed class CardTemplate
{
    private static readonly string[] ReservedKeys = ["$data", "$when", "$root", "$index", "$host", "$_acTemplateVersion"];

    private readonly Node _root;

    private CardTemplate(string name, Node root)
    {
        Name = name;
        _root = root;
    }

    public string Name { get; }

    /// <exception cref="CardTemplateException">Not a JSON object, or uses template syntax outside the supported subset.</exception>
    public static CardTemplate Parse(string name, string json)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new CardTemplateException($"Card template '{name}' is not valid JSON: {ex.Message}", ex);
        }

        if (node is not JsonObject)
        {
            throw new CardTemplateException($"Card template '{name}' must be a JSON object (an AdaptiveCard).");
        }

        try
        {
            return new CardTemplate(name, Compile(node, Role.None));
        }
        catch (CardTemplateException ex)
        {
            throw new CardTemplateException($"Card template '{name}': {ex.Message}", ex);
        }
    }

    /// <param name="data">The <c>$root</c> data, already JSON.</param>
    /// <exception cref="CardTemplateException">The data does not fit the template (see <see cref="CardRenderer"/>).</exception>
    public JsonObject Render(JsonElement data)
    {
        try
        {
            return _root.Expand(new CardScope(CardExpression.FromData(data))) as JsonObject
                ?? throw new CardTemplateException("the card itself was dropped by $when or repeated by $data.");
        }
        catch (CardTemplateException ex)
        {
            throw new CardTemplateException($"Card template '{Name}': {ex.Message}", ex);
        }
    }

    /// <summary>Where a value sits: decides which strings are markdown and so get their bound values escaped.</summary>
    private enum Role
    {
        None,
        Markdown,
        Facts,
        Fact,
    }

    private static Node Compile(JsonNode? node, Role role) => node switch
    {
        _ when IsStatic(node) => new StaticNode(node?.DeepClone()),
        JsonObject obj => CompileObject(obj, role),
        JsonArray array => new ArrayNode([.. array.Select(item => Compile(item, role == Role.Facts ? Role.Fact : Role.None))]),
        _ => CompileString(node!.GetValue<string>(), role == Role.Markdown),
    };

    private static ObjectNode CompileObject(JsonObject obj, Role role)
    {
        var type = obj["type"] is JsonValue typeValue && typeValue.TryGetValue(out string? t) ? t : null;
        var properties = new List<(string, Node)>();
        foreach (var (key, value) in obj)
        {
            if (ReservedKeys.Contains(key))
            {
                continue;
            }

            var valueRole = (type, key, role) switch
            {
                ("TextBlock", "text", _) => Role.Markdown,
                ("FactSet", "facts", _) => Role.Facts,
                (_, "title" or "value", Role.Fact) => Role.Markdown,
                _ => Role.None,
            };
            properties.Add((key, Compile(value, valueRole)));
        }

        foreach (var key in ReservedKeys.Skip(2).Where(obj.ContainsKey))
        {
            throw new CardTemplateException($"'{key}' is not supported as a property.");
        }

        return new ObjectNode([.. properties], BindingOf(obj, "$data"), BindingOf(obj, "$when"));
    }

    private static CardExpression? BindingOf(JsonObject obj, string key)
    {
        if (!obj.TryGetPropertyValue(key, out var value))
        {
            return null;
        }

        // The official library silently drops an element whose $when is not an expression, and binds $data to any
        // literal; both are template mistakes, so they are refused.
        return value is JsonValue v && v.TryGetValue(out string? text) && CompileString(text, markdown: false) is ValueNode { Expression.IsLiteral: false } bound
            ? bound.Expression
            : throw new CardTemplateException($"'{key}' must be a single ${{...}} expression, got {value?.ToJsonString() ?? "null"}.");
    }

    private static Node CompileString(string text, bool markdown)
    {
        var parts = new List<object>();
        var literalStart = 0;
        var position = text.IndexOf("${", StringComparison.Ordinal);
        while (position >= 0)
        {
            var end = ExpressionEnd(text, position + 2);
            if (position > literalStart)
            {
                parts.Add(text[literalStart..position]);
            }

            parts.Add(CardExpression.Parse(text[(position + 2)..end]));
            literalStart = end + 1;
            position = text.IndexOf("${", literalStart, StringComparison.Ordinal);
        }

        if (literalStart < text.Length)
        {
            parts.Add(text[literalStart..]);
        }

        // As in the official library, a string that is exactly one binding yields the bound value with its JSON
        // type, except a bare literal such as ${true}, which adaptive-expressions keeps as text.
        return parts is [CardExpression { IsLiteral: false } single]
            ? new ValueNode(single, markdown)
            : new InterpolationNode([.. parts], markdown);
    }

    private static int ExpressionEnd(string text, int from)
    {
        char? quote = null;
        for (var i = from; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is { } q)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == q)
                {
                    quote = null;
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '}')
            {
                return i;
            }
        }

        throw new CardTemplateException($"'{text}' has a '${{' without its closing '}}'.");
    }

    /// <summary>Nothing to evaluate: no binding, no reserved key, and no array the official library would reshape.</summary>
    private static bool IsStatic(JsonNode? node) => node switch
    {
        JsonObject obj => obj.All(p => !ReservedKeys.Contains(p.Key) && IsStatic(p.Value)),
        JsonArray array => array.All(item => item is not (null or JsonArray) && IsStatic(item)),
        JsonValue value => !(value.TryGetValue(out string? text) && text.Contains("${", StringComparison.Ordinal)),
        _ => true,
    };

    private static JsonNode? ToNode(object? value, bool markdown, CardExpression expression) => value switch
    {
        null => null,
        string s => JsonValue.Create(markdown ? CardText.Escape(s) : s),
        double d => JsonValue.Create(d),
        bool b => JsonValue.Create(b),
        JsonElement e => e.ValueKind == JsonValueKind.Array ? JsonArray.Create(e.Clone()) : JsonObject.Create(e.Clone()),
        _ => throw Unbound(expression),
    };

    private static CardTemplateException Unbound(CardExpression expression) =>
        new($"'${{{expression.Source}}}' is not bound in the data (the official library would show it as is).");

    private abstract class Node
    {
        /// <returns>The value; for an element repeated by <c>$data</c>, a <see cref="JsonArray"/> of the copies.</returns>
        public abstract JsonNode? Expand(CardScope scope);
    }

    private sealed class StaticNode(JsonNode? value) : Node
    {
        public override JsonNode? Expand(CardScope scope) => value?.DeepClone();
    }

    private sealed class ValueNode(CardExpression expression, bool markdown) : Node
    {
        public CardExpression Expression { get; } = expression;

        public override JsonNode? Expand(CardScope scope) => ToNode(Expression.Evaluate(scope), markdown, Expression);
    }

    private sealed class InterpolationNode(object[] parts, bool markdown) : Node
    {
        public override JsonNode? Expand(CardScope scope)
        {
            var text = new StringBuilder();
            foreach (var part in parts)
            {
                if (part is CardExpression expression)
                {
                    var value = expression.Evaluate(scope);
                    var bound = value == CardExpression.Unbound ? throw Unbound(expression) : CardExpression.ToText(value);
                    text.Append(markdown ? CardText.Escape(bound) : bound);
                }
                else
                {
                    text.Append((string)part);
                }
            }

            return JsonValue.Create(text.ToString());
        }
    }

    /// <summary>Items expanding to null are dropped and nested arrays are spliced in, as the official library does.</summary>
    private sealed class ArrayNode(Node[] items) : Node
    {
        public override JsonNode Expand(CardScope scope)
        {
            var result = new JsonArray();
            foreach (var item in items)
            {
                switch (item.Expand(scope))
                {
                    case null:
                        break;
                    case JsonArray many:
                        var copies = many.ToArray();
                        many.Clear();
                        foreach (var copy in copies)
                        {
                            result.Add(copy);
                        }

                        break;
                    case var one:
                        result.Add(one);
                        break;
                }
            }

            return result;
        }
    }

    private sealed class ObjectNode((string Key, Node Value)[] properties, CardExpression? data, CardExpression? when) : Node
    {
        public override JsonNode? Expand(CardScope scope)
        {
            var saved = scope.Save();
            try
            {
                if (data is null)
                {
                    return Include(scope) ? ExpandProperties(scope) : null;
                }

                var bound = data.Evaluate(scope);
                if (bound == CardExpression.Unbound)
                {
                    throw Unbound(data);
                }

                if (bound is not JsonElement { ValueKind: JsonValueKind.Array } items)
                {
                    scope.Data = bound;
                    return Include(scope) ? ExpandProperties(scope) : null;
                }

                var copies = new List<JsonNode>();
                var index = 0;
                foreach (var item in items.EnumerateArray())
                {
                    scope.Data = CardExpression.FromData(item);
                    scope.Index = index++;
                    if (Include(scope))
                    {
                        copies.Add(ExpandProperties(scope));
                    }
                }

                return copies.Count switch
                {
                    0 => null,
                    1 => copies[0],
                    _ => new JsonArray([.. copies]),
                };
            }
            finally
            {
                scope.Restore(saved);
            }
        }

        private bool Include(CardScope scope)
        {
            if (when is null)
            {
                return true;
            }

            // Unbound paths are plain nulls here (the official library evaluates $when without substitution), so
            // exists() and empty() work; a non-boolean result is a template mistake the official library would
            // silently treat as false.
            return when.Evaluate(scope) is bool include
                ? include
                : throw new CardTemplateException($"'$when': '${{{when.Source}}}' must be true or false.");
        }

        private JsonObject ExpandProperties(CardScope scope)
        {
            var result = new JsonObject();
            foreach (var (key, value) in properties)
            {
                result[key] = value.Expand(scope);
            }

            return result;
        }
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FutureOfCustoms.Bot.Cards;

/// <summary>
/// The subset of Adaptive Expressions (adaptive-expressions 4.23) our templates may use, parsed once per template.
/// Values are null, <see cref="bool"/>, <see cref="double"/> (numbers are JavaScript doubles in the official library),
/// <see cref="string"/>, a <see cref="JsonElement"/> array or object, or <see cref="Unbound"/>.
/// </summary>
internal abstract class CardExpression
{
    /// <summary>A path that resolves to nothing; the official library renders it as the literal <c>${path}</c>.</summary>
    internal static readonly object Unbound = new();

    /// <summary>The expression's source text, for error messages.</summary>
    public string Source { get; private set; } = "";

    /// <summary>True for a bare literal: the official library then yields a string even for a whole-value binding.</summary>
    public virtual bool IsLiteral => false;

    public abstract object? Evaluate(CardScope scope);

    /// <exception cref="CardTemplateException">Syntax, functions or operators outside the supported subset.</exception>
    public static CardExpression Parse(string source) => new Parser(source).ParseAll();

    internal static bool IsTruthy(object? value) => value is bool b ? b : value is not null && value != Unbound;

    private static object? FromElement(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        JsonValueKind.Undefined => Unbound,
        _ => element,
    };

    internal static object? FromData(JsonElement? element) => element is { } e ? FromElement(e) : Unbound;

    private sealed class Literal(object? value) : CardExpression
    {
        public override bool IsLiteral => true;

        public override object? Evaluate(CardScope scope) => value;
    }

    private sealed class PathRoot(string name) : CardExpression
    {
        public override object? Evaluate(CardScope scope) => name switch
        {
            "$root" => scope.Root,
            "$data" => scope.Data,
            "$index" => scope.Index is { } index ? (double)index : Unbound,
            _ => Member(scope.Data, name),
        };
    }

    private sealed class MemberAccess(CardExpression target, string name) : CardExpression
    {
        public override object? Evaluate(CardScope scope) => Member(target.Evaluate(scope), name);
    }

    private sealed class IndexAccess(CardExpression target, CardExpression index) : CardExpression
    {
        public override object? Evaluate(CardScope scope)
        {
            var container = target.Evaluate(scope);
            return index.Evaluate(scope) switch
            {
                string name => Member(container, name),
                double i when container is JsonElement { ValueKind: JsonValueKind.Array } array && i >= 0 && i < array.GetArrayLength() && i == Math.Floor(i)
                    => FromElement(array[(int)i]),
                double => Unbound,
                var other => throw new CardTemplateException($"'{Source}': cannot index with {Describe(other)}."),
            };
        }
    }

    private static object? Member(object? container, string name) =>
        container is JsonElement { ValueKind: JsonValueKind.Object } obj && obj.TryGetProperty(name, out var value) ? FromElement(value) : Unbound;

    private sealed class Not(CardExpression operand) : CardExpression
    {
        public override object? Evaluate(CardScope scope) => !IsTruthy(operand.Evaluate(scope));
    }

    private sealed class Logical(CardExpression left, CardExpression right, bool isAnd) : CardExpression
    {
        public override object? Evaluate(CardScope scope) =>
            isAnd ? IsTruthy(left.Evaluate(scope)) && IsTruthy(right.Evaluate(scope)) : IsTruthy(left.Evaluate(scope)) || IsTruthy(right.Evaluate(scope));
    }

    private sealed class Comparison(CardExpression left, CardExpression right, string op) : CardExpression
    {
        public override object? Evaluate(CardScope scope)
        {
            var l = left.Evaluate(scope);
            var r = right.Evaluate(scope);
            if (op is "==" or "!=")
            {
                return AreEqual(l, r) == (op == "==");
            }

            var order = (l, r) switch
            {
                (double a, double b) => a.CompareTo(b),
                (string a, string b) => string.CompareOrdinal(a, b),
                _ => throw new CardTemplateException($"'{Source}': cannot compare {Describe(l)} with {Describe(r)}."),
            };
            return op switch
            {
                "<" => order < 0,
                ">" => order > 0,
                "<=" => order <= 0,
                _ => order >= 0,
            };
        }

        private bool AreEqual(object? l, object? r)
        {
            // adaptive-expressions treats a missing value like null in comparisons.
            l = l == Unbound ? null : l;
            r = r == Unbound ? null : r;
            return (l, r) switch
            {
                (null, null) => true,
                (null, _) or (_, null) => false,
                (JsonElement, _) or (_, JsonElement) => throw new CardTemplateException($"'{Source}': comparing arrays or objects is not supported."),
                _ => l.Equals(r),
            };
        }
    }

    private sealed class Call(string name, CardExpression[] args) : CardExpression
    {
        public override object? Evaluate(CardScope scope)
        {
            var values = new object?[args.Length];
            for (var i = 0; i < args.Length; i++)
            {
                values[i] = args[i].Evaluate(scope);
            }

            return name switch
            {
                "count" => values[0] switch
                {
                    string s => (double)s.Length,
                    JsonElement { ValueKind: JsonValueKind.Array } a => (double)a.GetArrayLength(),
                    var v => throw Invalid(v),
                },
                "length" => values[0] is string text ? (double)text.Length : throw Invalid(values[0]),
                "empty" => values[0] switch
                {
                    null => true,
                    string s => s.Length == 0,
                    JsonElement { ValueKind: JsonValueKind.Array } a => a.GetArrayLength() == 0,
                    JsonElement { ValueKind: JsonValueKind.Object } o => !o.EnumerateObject().Any(),
                    var v when v == Unbound => true,
                    _ => false,
                },
                "exists" => values[0] is not null && values[0] != Unbound,
                "not" => !IsTruthy(values[0]),
                "if" => IsTruthy(values[0]) ? values[1] : values[2],
                "string" => values[0] switch
                {
                    null => "",
                    var v => ToText(v),
                },
                "join" => values[0] is JsonElement { ValueKind: JsonValueKind.Array } items && values[1] is string separator
                    ? string.Join(separator, items.EnumerateArray().Select(item => ToText(FromElement(item))))
                    : throw Invalid(values[0]),
                "concat" => string.Concat(values.Select(ToText)),
                "add" when values[0] is string left && values[1] is string right => left + right,
                _ => Arithmetic(values[0], values[1]),
            };
        }

        private double Arithmetic(object? left, object? right)
        {
            if (left is not double a || right is not double b)
            {
                throw new CardTemplateException($"'{Source}': {name} needs numbers, got {Describe(left)} and {Describe(right)}.");
            }

            return name switch
            {
                "add" => a + b,
                "sub" => a - b,
                "mul" => a * b,
                _ when b == 0 => throw new CardTemplateException($"'{Source}': division by zero."),
                // adaptive-expressions divides integers as integers (JavaScript cannot tell 2.0 from 2).
                _ when a == Math.Floor(a) && b == Math.Floor(b) => Math.Truncate(a / b),
                _ => a / b,
            };
        }

        private CardTemplateException Invalid(object? value) => new($"'{Source}': {name} cannot take {Describe(value)}.");
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        JsonElement e => e.ValueKind.ToString().ToLowerInvariant(),
        var v when v == Unbound => "an unbound value",
        var v => v.GetType().Name.ToLowerInvariant(),
    };

    /// <summary>The text JavaScript's <c>toString</c> gives, for the values where it is meaningful.</summary>
    /// <exception cref="CardTemplateException">null, unbound, arrays and objects ("[object Object]" is never wanted).</exception>
    internal static string ToText(object? value) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        double d => JavaScriptNumber.ToString(d),
        _ => throw new CardTemplateException($"Cannot turn {Describe(value)} into text."),
    };

    private static readonly Dictionary<string, (int Min, int Max)> Functions = new(StringComparer.Ordinal)
    {
        ["count"] = (1, 1),
        ["length"] = (1, 1),
        ["empty"] = (1, 1),
        ["exists"] = (1, 1),
        ["not"] = (1, 1),
        ["if"] = (3, 3),
        ["string"] = (1, 1),
        ["join"] = (2, 2),
        ["concat"] = (1, int.MaxValue),
        ["add"] = (2, 2),
        ["sub"] = (2, 2),
        ["mul"] = (2, 2),
        ["div"] = (2, 2),
    };

    /// <summary>Recursive descent with the precedence of adaptive-expressions: ! then comparisons, equality, &amp;&amp;, ||.</summary>
    private sealed class Parser(string source)
    {
        private int _position;

        public CardExpression ParseAll()
        {
            var expression = ParseOr();
            SkipSpaces();
            if (_position < source.Length)
            {
                throw Error($"unexpected '{source[_position..]}'");
            }

            return expression;
        }

        private CardExpression ParseOr()
        {
            var left = ParseAnd();
            while (Accept("||"))
            {
                left = Make(new Logical(left, ParseAnd(), isAnd: false));
            }

            return left;
        }

        private CardExpression ParseAnd()
        {
            var left = ParseEquality();
            while (Accept("&&"))
            {
                left = Make(new Logical(left, ParseEquality(), isAnd: true));
            }

            return left;
        }

        private CardExpression ParseEquality()
        {
            var left = ParseRelational();
            while (AcceptAny(["==", "!="]) is { } op)
            {
                left = Make(new Comparison(left, ParseRelational(), op));
            }

            return left;
        }

        private CardExpression ParseRelational()
        {
            var left = ParseUnary();
            while (AcceptAny(["<=", ">=", "<", ">"]) is { } op)
            {
                left = Make(new Comparison(left, ParseUnary(), op));
            }

            return left;
        }

        private CardExpression ParseUnary()
        {
            SkipSpaces();
            if (Peek() == '!' && Peek(1) != '=')
            {
                _position++;
                return Make(new Not(ParseUnary()));
            }

            return ParsePostfix();
        }

        private CardExpression ParsePostfix()
        {
            var expression = ParsePrimary();
            while (true)
            {
                if (Peek() == '.')
                {
                    _position++;
                    expression = Make(new MemberAccess(expression, ReadIdentifier()));
                }
                else if (Peek() == '[')
                {
                    _position++;
                    var index = ParseOr();
                    Expect(']');
                    expression = Make(new IndexAccess(expression, index));
                }
                else
                {
                    return expression;
                }
            }
        }

        private CardExpression ParsePrimary()
        {
            SkipSpaces();
            var start = _position;
            var c = Peek();
            if (c == '(')
            {
                _position++;
                var inner = ParseOr();
                Expect(')');
                return inner;
            }

            if (c is '\'' or '"')
            {
                return Make(new Literal(ReadString(c)), start);
            }

            if (char.IsAsciiDigit(c) || (c == '-' && char.IsAsciiDigit(Peek(1))))
            {
                _position++;
                while (char.IsAsciiDigit(Peek()) || Peek() == '.')
                {
                    _position++;
                }

                var text = source[start.._position];
                return double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                    ? Make(new Literal(number), start)
                    : throw Error($"bad number '{text}'");
            }

            var name = ReadIdentifier();
            SkipSpaces();
            if (Peek() == '(')
            {
                _position++;
                return Make(new Call(name, ReadArguments(name)), start);
            }

            return name switch
            {
                "true" => Make(new Literal(true), start),
                "false" => Make(new Literal(false), start),
                "null" => Make(new Literal(null), start),
                "$root" or "$data" or "$index" => Make(new PathRoot(name), start),
                _ when name.StartsWith('$') => throw Error($"'{name}' is not supported (only $root, $data and $index)"),
                _ => Make(new PathRoot(name), start),
            };
        }

        private CardExpression[] ReadArguments(string name)
        {
            if (!Functions.TryGetValue(name, out var arity))
            {
                throw Error($"function '{name}' is not supported (supported: {string.Join(", ", Functions.Keys)})");
            }

            var args = new List<CardExpression>();
            SkipSpaces();
            if (Peek() != ')')
            {
                do
                {
                    args.Add(ParseOr());
                }
                while (Accept(","));
            }

            Expect(')');
            return args.Count >= arity.Min && args.Count <= arity.Max
                ? [.. args]
                : throw Error($"function '{name}' takes {(arity.Min == arity.Max ? arity.Min.ToString(CultureInfo.InvariantCulture) : $"at least {arity.Min}")} argument(s), got {args.Count}");
        }

        private string ReadIdentifier()
        {
            SkipSpaces();
            var start = _position;
            if (Peek() == '$')
            {
                _position++;
            }

            while (char.IsAsciiLetterOrDigit(Peek()) || Peek() == '_')
            {
                _position++;
            }

            return _position > start && !char.IsAsciiDigit(source[start])
                ? source[start.._position]
                : throw Error(_position < source.Length ? $"unsupported syntax at '{source[_position..]}'" : "unexpected end");
        }

        private string ReadString(char quote)
        {
            var text = new StringBuilder();
            _position++;
            while (_position < source.Length && source[_position] != quote)
            {
                if (source[_position] == '\\')
                {
                    _position++;
                    if (Peek() is not ('\'' or '"' or '\\'))
                    {
                        throw Error("only \\' \\\" and \\\\ escapes are supported in strings");
                    }
                }

                text.Append(source[_position++]);
            }

            Expect(quote);
            return text.ToString();
        }

        private CardExpression Make(CardExpression expression, int? start = null)
        {
            expression.Source = start is { } s ? source[s.._position] : source;
            return expression;
        }

        private char Peek(int ahead = 0) => _position + ahead < source.Length ? source[_position + ahead] : '\0';

        private void SkipSpaces()
        {
            while (char.IsWhiteSpace(Peek()))
            {
                _position++;
            }
        }

        private bool Accept(string token)
        {
            SkipSpaces();
            if (string.CompareOrdinal(source, _position, token, 0, token.Length) != 0)
            {
                return false;
            }

            _position += token.Length;
            return true;
        }

        private string? AcceptAny(string[] tokens) => tokens.FirstOrDefault(Accept);

        private void Expect(char c)
        {
            SkipSpaces();
            if (Peek() != c)
            {
                throw Error($"expected '{c}'");
            }

            _position++;
        }

        private CardTemplateException Error(string message) => new($"Unsupported expression '${{{source}}}': {message}.");
    }
}

using System.Globalization;

namespace FutureOfCustoms.Bot.Cards;

/// <summary>
/// Number to text exactly as JavaScript's <c>Number.prototype.toString()</c> (ECMA-262 Number::toString), which the
/// official templating library uses when it puts a number into a string. .NET's "R" gives the same shortest digits
/// but lays them out differently ("1E-07" where JavaScript writes "1e-7", "1E+15" where it writes "1000000000000000").
/// </summary>
internal static class JavaScriptNumber
{
    public static string ToString(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
        }

        if (value == 0)
        {
            return "0";
        }

        var roundTrip = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = roundTrip.IndexOf('E', StringComparison.Ordinal);
        var mantissa = exponentAt < 0 ? roundTrip : roundTrip[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(roundTrip[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var pointAt = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = pointAt < 0 ? mantissa : mantissa.Remove(pointAt, 1);
        // n: the decimal point sits after the n-th significant digit (ECMA-262's "n"); k: count of significant digits.
        var n = (pointAt < 0 ? mantissa.Length : pointAt) + exponent;
        var significant = digits.TrimStart('0');
        n -= digits.Length - significant.Length;
        significant = significant.TrimEnd('0');
        var k = significant.Length;

        var text = n switch
        {
            _ when k <= n && n <= 21 => significant + new string('0', n - k),
            > 0 and <= 21 => significant[..n] + "." + significant[n..],
            > -6 and <= 0 => "0." + new string('0', -n) + significant,
            _ => significant[..1] + (k > 1 ? "." + significant[1..] : "") + "e" + (n - 1 >= 0 ? "+" : "-") + Math.Abs(n - 1).ToString(CultureInfo.InvariantCulture),
        };
        return value < 0 ? "-" + text : text;
    }
}

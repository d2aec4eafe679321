using System.Globalization;
using System.Text;

namespace Rainforest.Domain.HourFiles;

/// <summary>
/// Strings as the original logger's Python <c>json.dumps</c> (ensure_ascii=True) wrote them: short escapes for
/// the usual ones, <c>\uXXXX</c> (lower-case) for every other character outside printable ASCII, one escape
/// per UTF-16 unit.
/// </summary>
internal static class PythonJson
{
    /// <summary>True when <see cref="QuotedString"/> would only add the quotes: printable ASCII, no quote or backslash.</summary>
    public static bool NeedsNoEscape(string? value)
    {
        if (value is null) return true;
        foreach (var c in value)
        {
            if (c < ' ' || c > '~' || c == '"' || c == '\\') return false;
        }

        return true;
    }

    public static string QuotedString(string? value)
    {
        value ??= string.Empty;
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                default:
                    if (c < ' ' || c > '~')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }
}

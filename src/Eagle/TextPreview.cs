namespace Rainforest.Eagle;

/// <summary>Turns untrusted reply text into a short single-line excerpt that is safe to log.</summary>
internal static class TextPreview
{
    public const int DefaultLength = 80;

    public static string Of(string? text, int maxChars = DefaultLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var take = Math.Min(text.Length, maxChars);
        // Never split a surrogate pair at the cut.
        if (take < text.Length && take > 0 && char.IsHighSurrogate(text[take - 1]))
        {
            take--;
        }

        var builder = new StringBuilder(take + 16);
        foreach (var c in text.AsSpan(0, take))
        {
            switch (c)
            {
                case '\r': builder.Append("\\r"); break;
                case '\n': builder.Append("\\n"); break;
                case '\t': builder.Append("\\t"); break;
                case '\0': builder.Append("\\0"); break;
                case '\\': builder.Append("\\\\"); break;
                case '"': builder.Append("\\\""); break;
                default:
                    if (char.IsControl(c) || c == '\uFEFF' || c == '\u2028' || c == '\u2029')
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

        if (take < text.Length)
        {
            builder.Append("...");
        }

        return builder.ToString();
    }

    /// <summary>Collapses runs of whitespace so multi-line relay messages read as one line.</summary>
    public static string OneLine(string text, int maxChars)
    {
        var builder = new StringBuilder(Math.Min(text.Length, maxChars));
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return Of(builder.ToString(), maxChars);
    }
}

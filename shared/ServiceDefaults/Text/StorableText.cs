namespace Platform.ServiceDefaults.Text;

/// <summary>
/// Characters no text of the platform holds: NUL (PostgreSQL refuses it), an unpaired UTF-16 surrogate
/// (UTF-8 cannot carry it; it would be replaced silently), and control characters other than tab and
/// line breaks. One rule, read by the request guards and by the check of every text saved.
/// </summary>
public static class StorableText
{
    /// <summary>The index of the first character no text holds, or null when there is none.</summary>
    public static int? FirstUnstorableAt(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c) || (char.IsControl(c) && c is not ('\t' or '\n' or '\r')))
            {
                return i;
            }
        }

        return null;
    }

    public static string Describe(string field, int position) =>
        $"'{field}' holds a control character or an unpaired surrogate at position {position}.";
}

using System.Globalization;
using System.Text;

namespace SmartEldercare.Platform.Common;

/// <summary>
/// CSV as every export writes it: RFC 4180 quoting, UTF-8 with a BOM (Excel opens Chinese text correctly), and no cell
/// a spreadsheet would run as a formula. A text cell starting with <c>= + - @</c>, a tab or a carriage return (a name or
/// a note someone typed) is prefixed with an apostrophe; a number stays a number.
/// </summary>
public static class CsvText
{
    public static string Cell(string? value)
    {
        var text = value ?? string.Empty;
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
            && !decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
        {
            text = "'" + text;
        }

        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    /// <summary>One line of cells, with the CRLF RFC 4180 asks for.</summary>
    public static StringBuilder AppendRow(this StringBuilder text, IEnumerable<string?> cells) => text.AppendJoin(',', cells.Select(Cell)).Append("\r\n");

    /// <summary>The bytes of a CSV file: UTF-8 with its BOM.</summary>
    public static byte[] Bytes(StringBuilder text) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
}

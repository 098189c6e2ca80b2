using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using MiniExcelLibs;
using SmartEldercare.Platform.Reporting;

namespace SmartEldercare.Reports.Generation;

/// <summary>A generated report: what it covers and its sections, stored as JSON; the page, the workbook and the CSV files are rendered from it.</summary>
public sealed record ReportDocument(string Kind, int Month, string RegionCode, string RegionName, DateTime GeneratedAtUtc, IReadOnlyList<ReportSection> Sections)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ReportDocument FromJson(string json) => JsonSerializer.Deserialize<ReportDocument>(json, Json)!;
}

/// <summary>One sheet of the export: the overview (every section's figures) or one detail table, already localized.</summary>
/// <param name="Name">Sheet name (at most 31 characters, unique in the workbook).</param>
/// <param name="FileName">ASCII name of its CSV file in the zip.</param>
/// <param name="Header">Column titles.</param>
/// <param name="Rows">Cells.</param>
public sealed record ReportSheet(string Name, string FileName, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>
/// Renders a <see cref="ReportDocument"/> as sheets in one culture: sheet 1 is the overview (report facts, then every
/// section's figures), then one sheet per detail table. The .xlsx has all sheets; the CSV is one sheet, or a zip of
/// one CSV per sheet, UTF-8 with BOM (so Excel opens Chinese correctly), comma-separated, CRLF, RFC 4180 quoting.
/// </summary>
public static class ReportFiles
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string CsvType = "text/csv; charset=utf-8";
    public const string ZipType = "application/zip";

    public static IReadOnlyList<ReportSheet> Sheets(ReportDocument document, StringCatalogue catalogue, CultureInfo culture)
    {
        string T(string key) => catalogue.Find(key, culture) ?? key;
        var overview = new List<IReadOnlyList<string>>
        {
            new[] { T("Reports.Title"), T("Reports.Month"), $"{document.Month / 100:D4}-{document.Month % 100:D2}" },
            new[] { T("Reports.Title"), T("Reports.Scope"), document.RegionName },
            new[] { T("Reports.Title"), T("Reports.Kind"), T(KindTitleKey(document)) },
            new[] { T("Reports.Title"), T("Reports.GeneratedAt"), Platform.Common.ShanghaiTime.Format(document.GeneratedAtUtc) },
        };
        foreach (var section in document.Sections)
        {
            overview.AddRange(section.Figures.Select(f => (IReadOnlyList<string>)[T(section.TitleKey), T(f.LabelKey), f.Value]));
        }

        var sheets = new List<ReportSheet> { new(T("Reports.Sheet.Overview"), "00-overview.csv", [T("Reports.Column.Section"), T("Reports.Column.Item"), T("Reports.Column.Value")], overview) };
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { sheets[0].Name };
        foreach (var section in document.Sections)
        {
            for (var t = 0; t < section.Tables.Count; t++)
            {
                var table = section.Tables[t];
                var name = UniqueName($"{T(section.TitleKey)}-{T(table.TitleKey)}", names);
                var rows = table.Rows.Select(r => (IReadOnlyList<string>)[.. r.Select((cell, i) => table.IsKeyColumn(i) ? T(cell) : cell)]).ToList();
                sheets.Add(new ReportSheet(name, string.Create(CultureInfo.InvariantCulture, $"{sheets.Count:00}-{section.Key}-{t + 1}.csv"), [.. table.ColumnKeys.Select(T)], rows));
            }
        }

        return sheets;
    }

    public static string KindTitleKey(ReportDocument document) =>
        document.Kind == Runs.ReportRun.OverallKind ? "Reports.Kind.Overall" : document.Sections.Count > 0 ? document.Sections[0].TitleKey : document.Kind;

    public static byte[] Xlsx(IReadOnlyList<ReportSheet> sheets)
    {
        var workbook = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var sheet in sheets)
        {
            // Columns of a sheet are keyed by title: a repeated title gets a suffix so no cell is lost.
            var header = new List<string>();
            foreach (var title in sheet.Header)
            {
                var unique = title;
                for (var n = 2; header.Contains(unique, StringComparer.Ordinal); n++)
                {
                    unique = $"{title} ({n})";
                }

                header.Add(unique);
            }

            var rows = sheet.Rows.Select(r =>
            {
                var row = new Dictionary<string, object>(StringComparer.Ordinal);
                for (var i = 0; i < header.Count; i++)
                {
                    row[header[i]] = i < r.Count ? r[i] : string.Empty;
                }

                return row;
            }).ToList();
            if (rows.Count == 0)
            {
                rows.Add(header.ToDictionary(h => h, _ => (object)string.Empty, StringComparer.Ordinal));
            }

            workbook[sheet.Name] = rows;
        }

        using var stream = new MemoryStream();
        stream.SaveAs(workbook, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    public static byte[] Csv(ReportSheet sheet)
    {
        var text = new StringBuilder().AppendRow(sheet.Header);
        foreach (var row in sheet.Rows)
        {
            text.AppendRow(row);
        }

        return CsvText.Bytes(text);
    }

    public static byte[] CsvZip(IReadOnlyList<ReportSheet> sheets)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var sheet in sheets)
            {
                var entry = zip.CreateEntry(sheet.FileName, CompressionLevel.Fastest);
                using var entryStream = entry.Open();
                entryStream.Write(Csv(sheet));
            }
        }

        return stream.ToArray();
    }

    private static string UniqueName(string wanted, HashSet<string> taken)
    {
        var clean = new string([.. wanted.Where(c => c is not ('[' or ']' or ':' or '*' or '?' or '/' or '\\'))]);
        clean = clean.Length > 31 ? clean[..31] : clean;
        var name = clean;
        for (var n = 2; !taken.Add(name); n++)
        {
            var suffix = string.Create(CultureInfo.InvariantCulture, $"~{n}");
            name = (clean.Length + suffix.Length > 31 ? clean[..(31 - suffix.Length)] : clean) + suffix;
        }

        return name;
    }
}

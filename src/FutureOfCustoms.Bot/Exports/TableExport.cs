using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace FutureOfCustoms.Bot.Exports;

/// <summary>A table a moderator exports: suggestions, ballots, answers. Cells are plain text as users typed them.</summary>
public sealed record ExportTable(string SheetName, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string?>> Rows);

/// <summary>
/// The one writer of CSV and XLSX exports. Cells a spreadsheet would run as a formula (=, +, -, @, tab,
/// carriage return at the start) are prefixed with an apostrophe: a delegate's text must never become a
/// formula on the moderator's machine (CSV injection).
/// </summary>
public static class TableExport
{
    public const string CsvContentType = "text/csv";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>RFC 4180 CSV in UTF-8 with a byte order mark, so Excel reads accents (the group writes French too).</summary>
    public static byte[] ToCsv(ExportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var csv = new StringBuilder();
        AppendLine(csv, table.Headers);
        foreach (var row in table.Rows)
        {
            AppendLine(csv, row);
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    public static byte[] ToXlsx(ExportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = BoldHeaderStylesheet();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(Row(table.Headers, bold: true));
            foreach (var row in table.Rows)
            {
                data.Append(Row(row, bold: false));
            }

            sheetPart.Worksheet = new Worksheet(new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen }) { WorkbookViewId = 0 }), data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = SheetName(table.SheetName) }));
            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }

    /// <summary>The text a spreadsheet shows for a cell, defused.</summary>
    public static string Defuse(string? value)
        => string.IsNullOrEmpty(value) ? string.Empty : value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    private static void AppendLine(StringBuilder csv, IEnumerable<string?> cells)
    {
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                csv.Append(',');
            }

            first = false;
            var text = Defuse(cell);
            if (text.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                csv.Append('"').Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                csv.Append(text);
            }
        }

        csv.Append("\r\n");
    }

    private static Row Row(IEnumerable<string?> cells, bool bold)
    {
        var row = new Row();
        foreach (var cell in cells)
        {
            // Inline strings keep the file self-contained and the writer streaming-friendly; XML-invalid control characters are dropped.
            var text = new string([.. Defuse(cell).Where(c => c is '\t' or '\n' or '\r' || c >= ' ')]);
            row.Append(new Cell(new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve })) { DataType = CellValues.InlineString, StyleIndex = bold ? 1U : 0U });
        }

        return row;
    }

    private static Stylesheet BoldHeaderStylesheet() => new(
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }) { Count = 2 });

    /// <summary>Excel sheet names: at most 31 characters, none of : \ / ? * [ ].</summary>
    private static string SheetName(string name)
    {
        var clean = new string([.. name.Where(c => c is not (':' or '\\' or '/' or '?' or '*' or '[' or ']'))]).Trim();
        return clean.Length == 0 ? "Export" : clean[..Math.Min(31, clean.Length)];
    }
}

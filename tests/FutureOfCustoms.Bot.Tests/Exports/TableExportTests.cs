using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using FutureOfCustoms.Bot.Exports;

namespace FutureOfCustoms.Bot.Tests.Exports;

public sealed class TableExportTests
{
    private static readonly ExportTable Sample = new(
        "Suggestions",
        ["Title", "Why"],
        [
            ["Données douanières", "Line one\nline \"two\", with comma"],
            ["=HYPERLINK(\"http://evil\")", "+1 and -2 and @sum"],
            [null, "tab\u0001control"],
        ]);

    [Fact]
    public void Csv_quotes_what_needs_quoting_and_keeps_accents_for_excel()
    {
        var csv = TableExport.ToCsv(Sample);

        Assert.Equal(Encoding.UTF8.GetPreamble(), csv[..3]);
        var text = Encoding.UTF8.GetString(csv, 3, csv.Length - 3);
        Assert.StartsWith("Title,Why\r\nDonnées douanières,\"Line one\nline \"\"two\"\", with comma\"\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Cells_a_spreadsheet_would_run_as_formulas_are_defused_in_both_formats()
    {
        var csv = Encoding.UTF8.GetString(TableExport.ToCsv(Sample));
        var xlsx = ReadXlsx(TableExport.ToXlsx(Sample));

        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\")\",'+1 and -2 and @sum", csv, StringComparison.Ordinal);
        Assert.Equal("'=HYPERLINK(\"http://evil\")", xlsx[2][0]);
        Assert.Equal("'+1 and -2 and @sum", xlsx[2][1]);
    }

    [Fact]
    public void Xlsx_opens_with_the_header_and_every_row()
    {
        var rows = ReadXlsx(TableExport.ToXlsx(Sample));

        Assert.Equal(["Title", "Why"], rows[0]);
        Assert.Equal("Données douanières", rows[1][0]);
        Assert.Equal("Line one\nline \"two\", with comma", rows[1][1]);
        Assert.Equal("tabcontrol", rows[3][1]);
        Assert.Equal(4, rows.Count);
    }

    private static List<string[]> ReadXlsx(byte[] content)
    {
        using var stream = new MemoryStream(content);
        using var document = SpreadsheetDocument.Open(stream, false);
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        return [.. sheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c => c.InnerText).ToArray())];
    }
}

using System.Text;
using SmartEldercare.Platform.Common;
using SmartEldercare.Reports.Generation;

namespace SmartEldercare.Tests.Platform;

/// <summary>No export hands a spreadsheet a formula: text starting with = + - @ is neutralised, numbers stay numbers.</summary>
public sealed class CsvTextTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    [InlineData("+86 13800001234", "'+86 13800001234")]
    [InlineData("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0")]
    [InlineData("@SUM(A1:A9)", "'@SUM(A1:A9)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("-12.50", "-12.50")]
    [InlineData("+3", "+3")]
    [InlineData("王秀英", "王秀英")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("", "")]
    public void A_cell_is_quoted_and_a_formula_is_neutralised(string value, string expected) => Assert.Equal(expected, CsvText.Cell(value));

    [Fact]
    public void A_report_sheet_as_CSV_carries_no_formula()
    {
        var sheet = new ReportSheet("s", "s.csv", ["姓名", "金额"], [["=1+1", "-5.00"], ["@x", "12.00"]]);
        var text = Encoding.UTF8.GetString(ReportFiles.Csv(sheet)).TrimStart('\uFEFF');

        Assert.Equal("姓名,金额\r\n'=1+1,-5.00\r\n'@x,12.00\r\n", text);
    }
}

using KeyWarden.Inventory;

namespace KeyWarden.Tests.Inventory;

public sealed class CsvRecordReaderTests
{
    private static List<(int Line, List<string> Fields)> ReadAll(string content)
    {
        var reader = new CsvRecordReader(new StringReader(content), "in.csv");
        var records = new List<(int Line, List<string> Fields)>();
        while (reader.Next() is { } record)
        {
            records.Add(record);
        }

        return records;
    }

    private static CredentialReportFormatException Fails(string content) =>
        Assert.Throws<CredentialReportFormatException>(() => ReadAll(content));

    [Theory]
    [InlineData("a,b,c\n1,2,3\n")]
    [InlineData("a,b,c\r\n1,2,3\r\n")]
    [InlineData("a,b,c\r1,2,3\r")]
    [InlineData("a,b,c\n1,2,3")]
    [InlineData("a,b,c\r\n1,2,3")]
    public void Splits_records_and_fields_with_any_line_end(string content)
    {
        var records = ReadAll(content);

        Assert.Equal(2, records.Count);
        Assert.Equal(1, records[0].Line);
        Assert.Equal(["a", "b", "c"], records[0].Fields);
        Assert.Equal(2, records[1].Line);
        Assert.Equal(["1", "2", "3"], records[1].Fields);
    }

    [Fact]
    public void Empty_input_has_no_records()
    {
        Assert.Empty(ReadAll(""));
    }

    [Fact]
    public void Empty_fields_are_kept_including_a_trailing_one()
    {
        var record = Assert.Single(ReadAll(",x,,\n"));

        Assert.Equal(["", "x", "", ""], record.Fields);
    }

    [Fact]
    public void Quoted_fields_hold_commas_doubled_quotes_and_line_breaks()
    {
        var records = ReadAll("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"\"\nnext,row\n");

        Assert.Equal(["a,b", "say \"hi\"", "two\nlines", ""], records[0].Fields);
        Assert.Equal(1, records[0].Line);
        Assert.Equal(["next", "row"], records[1].Fields);
        Assert.Equal(3, records[1].Line);
    }

    [Fact]
    public void A_quoted_CRLF_is_kept_and_counted_as_one_line()
    {
        var records = ReadAll("\"x\r\ny\",z\r\nlast\r\n");

        Assert.Equal(["x\r\ny", "z"], records[0].Fields);
        Assert.Equal(3, records[1].Line);
    }

    [Fact]
    public void Blank_lines_are_skipped_but_counted()
    {
        var records = ReadAll("\n\na\r\n\r\n\nb\n\n");

        Assert.Equal([(3, "a"), (6, "b")], records.Select(r => (r.Line, Assert.Single(r.Fields))));
    }

    [Fact]
    public void Spaces_are_kept_verbatim()
    {
        Assert.Equal([" a ", " b"], Assert.Single(ReadAll(" a , b\n")).Fields);
    }

    [Fact]
    public void An_unclosed_quote_fails_at_the_record_start_line()
    {
        var e = Fails("ok\n\"never\nclosed,\nat all\n");

        Assert.Equal(2, e.Line);
        Assert.Equal("in.csv: line 2: a quoted field is not closed before the end of the file", e.Message);
    }

    [Fact]
    public void A_quote_inside_an_unquoted_field_fails()
    {
        var e = Fails("ok\nab\"c\n");

        Assert.Equal(2, e.Line);
        Assert.Contains("quote appears inside an unquoted field", e.Message);
    }

    [Fact]
    public void Text_after_a_closing_quote_fails()
    {
        var e = Fails("\"ab\"c,d\n");

        Assert.Equal(1, e.Line);
        Assert.Contains("text follows a closing quote", e.Message);
    }

    [Fact]
    public void A_NUL_character_fails_as_binary_on_its_physical_line()
    {
        var e = Fails("a\n\"b\nc\0\"\n");

        Assert.Equal(3, e.Line);
        Assert.Contains("binary", e.Message);
    }
}

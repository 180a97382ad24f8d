using System.Text;
using KeyWarden.Inventory;
using static KeyWarden.Tests.Inventory.CredentialReportCsv;

namespace KeyWarden.Tests.Inventory;

/// <summary>
/// Memory is bounded by refusing a field, a record or a report past its documented size as soon as the reader
/// gets there (docs/reports.md "Limits"), never after reading the whole input.
/// </summary>
public sealed class CsvBoundsTests : IDisposable
{
    private static readonly string Header = string.Join(',', Columns) + "\n";

    private readonly string _dir = Directory.CreateTempSubdirectory("keywarden-bounds-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A prefix, then one character repeated up to a length, produced lazily: nothing of it is ever held whole.</summary>
    private sealed class RepeatingReader(string prefix, char repeated, long length) : TextReader
    {
        private long _position;

        public long Consumed => _position;

        public override int Peek() => _position >= length ? -1 : _position < prefix.Length ? prefix[(int)_position] : repeated;

        public override int Read()
        {
            var c = Peek();
            if (c >= 0)
            {
                _position++;
            }

            return c;
        }
    }

    private static CredentialReportFormatException ParseFails(TextReader reader) =>
        Assert.Throws<CredentialReportFormatException>(() => CredentialReportParser.Parse(reader, "big.csv"));

    [Fact]
    public void A_header_followed_by_100_MB_of_commas_is_refused_at_the_field_limit_with_little_memory()
    {
        var reader = new RepeatingReader(Header, ',', Header.Length + (100L * 1024 * 1024));
        var before = GC.GetAllocatedBytesForCurrentThread();

        var e = ParseFails(reader);

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal("big.csv: line 2: has more than 256 fields; not a credential report", e.Message);
        Assert.True(reader.Consumed < Header.Length + 1024, $"read {reader.Consumed} characters before refusing");
        Assert.True(allocated < 16 * 1024 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void A_field_of_100_MB_is_refused_at_64_Ki_characters()
    {
        var reader = new RepeatingReader(Header + "\"", 'x', Header.Length + (100L * 1024 * 1024));

        var e = ParseFails(reader);

        Assert.Equal("big.csv: line 2: a field is longer than 64 Ki characters; not a credential report", e.Message);
        Assert.True(reader.Consumed < Header.Length + (65 * 1024), $"read {reader.Consumed} characters before refusing");
    }

    [Fact]
    public void A_record_of_many_short_fields_is_refused_at_1_Mi_characters()
    {
        // 200 fields of 60 Ki each: every field and the field count are within bounds, the record is not.
        var record = string.Join(',', Enumerable.Repeat(new string('y', 60 * 1024), 200));

        var e = ParseFails(new StringReader(Header + record + "\n"));

        Assert.Equal("big.csv: line 2: a record is longer than 1 Mi characters; not a credential report", e.Message);
    }

    [Fact]
    public void An_input_past_the_total_bound_is_refused_even_when_every_record_is_small()
    {
        // The bound is 64 Mi characters; a test-sized bound shows the mechanism without reading that much.
        var reader = new RepeatingReader(Header, '\n', Header.Length + 100_000);

        var e = Assert.Throws<CredentialReportFormatException>(() => CredentialReportParser.Parse(reader, "big.csv", CredentialReportParser.MaxRows, maxTotalLength: 50_000));

        Assert.EndsWith("the input is longer than 50000 characters; not a credential report", e.Message);
        Assert.Equal(50_001, reader.Consumed);
        Assert.Equal(128 * 1024 * 1024, CsvRecordReader.MaxTotalLength);
    }

    [Fact]
    public void A_header_with_too_many_columns_is_refused_on_line_1()
    {
        var e = ParseFails(new StringReader(string.Join(',', Enumerable.Range(0, 300).Select(i => $"c{i}")) + "\n"));
        Assert.Equal("big.csv: line 1: has more than 256 fields; not a credential report", e.Message);
    }

    [Fact]
    public void Limits_are_inclusive_a_field_of_exactly_64_Ki_is_read()
    {
        var records = new List<List<string>>();
        var csv = new CsvRecordReader(new StringReader("a," + new string('z', CsvRecordReader.MaxFieldLength) + "\n" + string.Join(',', Enumerable.Repeat("f", 256))), "in.csv");
        while (csv.Next() is { } record)
        {
            records.Add(record.Fields);
        }

        Assert.Equal(CsvRecordReader.MaxFieldLength, records[0][1].Length);
        Assert.Equal(256, records[1].Count);
    }

    [Fact]
    public void More_rows_than_the_row_bound_are_refused_naming_the_line()
    {
        var row = Report(User("u")).Split('\n')[1] + "\n";
        var reader = new StringReader(Header + string.Concat(Enumerable.Repeat(row, 101)));

        var e = Assert.Throws<CredentialReportFormatException>(() => CredentialReportParser.Parse(reader, "big.csv", maxRows: 100, CsvRecordReader.MaxTotalLength));

        Assert.Equal("big.csv: line 102: more than 100 rows; a credential report covers one account (IAM allows 5,000 users)", e.Message);
        Assert.Equal(250_000, CredentialReportParser.MaxRows);
    }

    [Fact]
    public void The_default_bounds_read_an_ordinary_report()
    {
        var row = Report(User("u")).Split('\n')[1] + "\n";
        var text = Header + string.Concat(Enumerable.Repeat(row, 100));

        Assert.Equal(100, CredentialReportParser.Parse(new StringReader(text), "ok.csv").Principals.Count);
    }

    [Fact]
    public void A_slot_number_that_does_not_fit_an_int_is_not_a_slot()
    {
        var columns = Columns.Concat(["access_key_99999999999_active"]).ToArray();

        var parsed = CredentialReportParser.Parse(Report(columns, User("bob")), "in.csv");

        Assert.Single(parsed.Principals);
    }

    [Fact]
    public async Task The_file_source_refuses_a_file_of_commas_with_exit_2_naming_file_and_line()
    {
        var path = Path.Combine(_dir, "commas.csv");
        await using (var file = new StreamWriter(path, false, new UTF8Encoding(false)))
        {
            await file.WriteAsync(Header);
            await file.WriteAsync(new string(',', 8 * 1024 * 1024));
        }

        var e = await Assert.ThrowsAsync<KeyWardenException>(() => new CredentialReportFileSource(path).ReadAsync(CancellationToken.None));

        Assert.Equal(ExitCodes.UsageOrInput, e.ExitCode);
        Assert.Equal($"{path}: line 2: has more than 256 fields; not a credential report", e.Message);
    }
}

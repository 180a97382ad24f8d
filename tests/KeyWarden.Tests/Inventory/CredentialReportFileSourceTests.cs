using System.Text;
using KeyWarden.Inventory;
using static KeyWarden.Tests.Inventory.CredentialReportCsv;

namespace KeyWarden.Tests.Inventory;

public sealed class CredentialReportFileSourceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("keywarden-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string Write(string name, string text, bool bom = false) =>
        Write(name, (bom ? [0xEF, 0xBB, 0xBF] : Array.Empty<byte>()).Concat(Encoding.UTF8.GetBytes(text)).ToArray());

    private static Task<IReadOnlyList<AccountInventory>> Read(string path) =>
        new CredentialReportFileSource(path).ReadAsync(CancellationToken.None);

    private static async Task<KeyWardenException> ReadFails(string path)
    {
        var e = await Assert.ThrowsAsync<KeyWardenException>(() => Read(path));
        Assert.Equal(2, e.ExitCode);
        Assert.Equal(ExitCodes.UsageOrInput, e.ExitCode);
        Assert.DoesNotContain('\n', e.Message);
        return e;
    }

    private static string SampleReport() => Report(
        Root("444455556666", cells: [.. Key(1, "true", "2024-01-01T00:00:00+00:00", "2026-05-30T00:00:00+00:00", "us-east-1", "iam")]),
        User("bob", "444455556666", cells: [.. Key(1, "true", "2025-01-01T00:00:00+00:00"), .. Key(2, "true", "2026-05-20T00:00:00+00:00")]));

    [Theory]
    [InlineData(false, "\n")]
    [InlineData(true, "\n")]
    [InlineData(true, "\r\n")]
    public async Task Reads_a_report_file_with_or_without_BOM(bool bom, string newline)
    {
        var path = Write("report.csv", SampleReport().Replace("\n", newline), bom);

        var inventory = Assert.Single(await Read(path));

        Assert.Equal("444455556666", inventory.AccountId);
        Assert.Equal("444455556666", inventory.Source.AccountId);
        Assert.Equal("aws", inventory.Source.Partition);
        Assert.Equal(SourceKind.CredentialReportFile, inventory.Source.Kind);
        Assert.Equal(new DateTimeOffset(2026, 5, 30, 0, 0, 0, TimeSpan.Zero), inventory.Source.DataAsOf);
        Assert.Null(inventory.Source.Error);
        Assert.Equal(path, inventory.Source.Location);
        Assert.Equal(["<root_account>", "bob"], inventory.Principals.Select(p => p.Name));
        Assert.True(inventory.Principals[0].IsRoot);
        Assert.Equal(2, inventory.Principals[1].ActiveKeyCount);
    }

    [Fact]
    public async Task A_missing_file_is_an_input_error_with_exit_code_2()
    {
        var path = Path.Combine(_dir, "nope.csv");

        var e = await ReadFails(path);

        Assert.Contains(path, e.Message);
        Assert.Contains("no such file", e.Message);
    }

    [Fact]
    public async Task An_empty_file_names_the_file()
    {
        var path = Write("empty.csv", []);

        var e = await ReadFails(path);

        Assert.StartsWith(path + ": ", e.Message);
        Assert.Contains("empty", e.Message);
        Assert.IsType<CredentialReportFormatException>(e.InnerException);
    }

    [Fact]
    public async Task A_file_with_only_a_BOM_is_empty()
    {
        var e = await ReadFails(Write("bom-only.csv", [0xEF, 0xBB, 0xBF]));

        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public async Task A_PNG_is_rejected_as_not_a_credential_report_at_line_1()
    {
        byte[] png =
        [
            0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
            0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
        ];
        var path = Write("logo.png", png);

        var e = await ReadFails(path);

        Assert.StartsWith(path + ": line 1: ", e.Message);
        Assert.Contains("not an IAM credential report", e.Message);
        var inner = Assert.IsType<CredentialReportFormatException>(e.InnerException);
        Assert.Equal(1, inner.Line);
    }

    [Fact]
    public async Task Binary_content_with_NUL_bytes_is_rejected()
    {
        var path = Write("blob.bin", [0x00, 0x01, 0x02, 0x03, 0xFF, 0xFE, 0x00, 0x41]);

        var e = await ReadFails(path);

        Assert.StartsWith(path + ": line 1: ", e.Message);
        Assert.Contains("binary", e.Message);
    }

    [Fact]
    public async Task A_malformed_row_names_the_file_and_the_line()
    {
        var path = Write("short.csv", SampleReport() + "user-only\n");

        var e = await ReadFails(path);

        Assert.Equal($"{path}: line 4: has 1 fields but the header has 22", e.Message);
    }

    [Fact]
    public async Task A_bad_date_names_the_file_the_line_and_the_column()
    {
        var path = Write("bad-date.csv", Report(User("x", cells: [.. Key(1, "true", "31/02/2026")])));

        var e = await ReadFails(path);

        Assert.StartsWith($"{path}: line 2: column access_key_1_last_rotated: ", e.Message);
    }

    [Fact]
    public async Task Latin1_bytes_do_not_crash_the_reader()
    {
        // A user name saved in Latin-1 by a spreadsheet: invalid UTF-8 decodes as U+FFFD, still one principal.
        var text = Encoding.UTF8.GetBytes(Report(User("zzz")));
        var i = Array.IndexOf(text, (byte)'z');
        text[i] = 0xE9;

        var inventory = Assert.Single(await Read(Write("latin1.csv", text)));

        Assert.Equal("\uFFFDzz", Assert.Single(inventory.Principals).Name);
    }
}

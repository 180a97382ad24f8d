using System.Text;
using KeyWarden.Accounts;

namespace KeyWarden.Tests.Accounts;

/// <summary><see cref="AccountsFile.Load"/>: the one piece of I/O in Accounts/, and every way a path can be unusable.</summary>
public sealed class AccountsFileLoadTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("keywarden-accounts-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static string ErrorOf(string path)
    {
        var e = Assert.Throws<KeyWardenException>(() => AccountsFile.Load(path));
        Assert.Equal(ExitCodes.UsageOrInput, e.ExitCode);
        Assert.DoesNotContain('\n', e.Message);
        return e.Message;
    }

    [Fact]
    public void A_file_is_read_and_its_errors_name_the_path()
    {
        var path = Write("fleet.txt", Encoding.UTF8.GetBytes("111122223333\nnope\n"));
        Assert.Equal($"{path}:2: 'nope' is not a 12-digit account id (one id per line; a comment starts with #)", ErrorOf(path));

        File.WriteAllText(path, "111122223333\n");
        Assert.Equal([new AccountTarget("111122223333")], AccountsFile.Load(path));
    }

    [Theory]
    [InlineData("utf-8 with BOM")]
    [InlineData("utf-16LE with BOM")]
    [InlineData("utf-16BE with BOM")]
    public void Byte_order_marks_are_honoured(string encoding)
    {
        Encoding chosen = encoding switch
        {
            "utf-8 with BOM" => new UTF8Encoding(true),
            "utf-16LE with BOM" => new UnicodeEncoding(false, true),
            _ => new UnicodeEncoding(true, true),
        };
        var path = Write("fleet.txt", [.. chosen.GetPreamble(), .. chosen.GetBytes("111122223333\r\n444455556666\r\n")]);

        Assert.Equal(["111122223333", "444455556666"], AccountsFile.Load(path).Select(a => a.AccountId));
    }

    [Fact]
    public void Invalid_utf8_is_an_error_on_its_line_not_a_crash()
    {
        var path = Write("fleet.txt", [.. "111122223333\n1111"u8, 0xff, .. "22223333\n"u8]);
        Assert.StartsWith($"{path}:2: '1111\ufffd22223333' is not a 12-digit account id", ErrorOf(path));
    }

    [Fact]
    public void A_missing_file_is_one_line()
    {
        var path = Path.Combine(_dir, "absent.txt");
        Assert.Equal($"{path}: no such file", ErrorOf(path));
        Assert.Equal($"{path}/x: no such file", ErrorOf(path + "/x"));
    }

    [Fact]
    public void A_path_that_names_nothing_is_one_line()
    {
        Assert.Equal("accounts file: no path given", ErrorOf(""));
        Assert.StartsWith("a\\u0000b: cannot read: ", ErrorOf("a\0b"));
    }

    [Fact]
    public void A_directory_is_one_line() => Assert.Equal($"{_dir}: is a directory, not an accounts file", ErrorOf(_dir));

    [Fact]
    public void A_file_over_the_bound_is_refused_unparsed()
    {
        var path = Write("huge.txt", new byte[AccountsFile.MaxFileSize + 1]);
        Assert.Equal($"{path}: larger than 8 MiB; not an accounts file", ErrorOf(path));
    }

    [Fact]
    public void A_device_that_never_ends_is_refused_after_the_bound()
    {
        if (!File.Exists("/dev/zero"))
        {
            return;
        }

        Assert.Equal("/dev/zero: larger than 8 MiB; not an accounts file", ErrorOf("/dev/zero"));
    }

    [Fact]
    public void A_read_error_is_one_line()
    {
        // Reading /proc/self/mem from offset 0 fails with EIO on Linux: a real read error without needing a non-root user.
        if (!File.Exists("/proc/self/mem"))
        {
            return;
        }

        Assert.StartsWith("/proc/self/mem: cannot read: ", ErrorOf("/proc/self/mem"));
    }
}

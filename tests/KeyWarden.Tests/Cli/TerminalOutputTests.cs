using KeyWarden.Cli;
using Spectre.Console.Testing;

namespace KeyWarden.Tests.Cli;

/// <summary>The audit table off a terminal: its width (COLUMNS, else none), its colour (--color), and -o equal to > file.</summary>
public sealed class TerminalOutputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("keywarden-term-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Stdout as a redirected process would have it: not a terminal, the given environment.</summary>
    private static async Task<CliRunner.Result> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 80; // what Spectre assumes for a redirected stdout; off a terminal it must not matter
        var err = new StringWriter();
        var terminal = new Terminal(console, err, new StringReader(string.Empty), IsInteractive: false)
        {
            Environment = name => environment.GetValueOrDefault(name),
        };
        var code = await KeyWardenApp.RunAsync(args, terminal, new FixedClock(TestData.AsOf));
        return new CliRunner.Result(code, console.Output, err.ToString());
    }

    private static readonly Dictionary<string, string> NoEnvironment = [];

    private static string[] Audit(params string[] more) => ["audit", "--credential-report", TestData.FixturePath("sample-report.csv"), "--all", .. more];

    public static TheoryData<string?> Columns() => [null, "60", "80", "200"];

    [Theory]
    [MemberData(nameof(Columns))]
    public async Task Output_file_holds_the_same_text_as_stdout_redirected_to_a_file(string? columns)
    {
        var environment = columns is null ? NoEnvironment : new Dictionary<string, string> { ["COLUMNS"] = columns };
        var stdout = await RunAsync(environment, Audit());
        var path = Path.Combine(_dir, "table.txt");
        var file = await RunAsync(environment, Audit("-o", path));
        Assert.Equal(stdout.ExitCode, file.ExitCode);
        Assert.Equal(stdout.Stdout, await File.ReadAllTextAsync(path));
        Assert.DoesNotContain('\u001b', stdout.Stdout);
        Assert.DoesNotContain(stdout.Stdout.Split('\n'), l => l.Length > 0 && char.IsWhiteSpace(l[^1]));
        var widest = stdout.Stdout.Split('\n').Max(l => l.Length);
        if (columns is null)
        {
            // No width limit: every reason on one line, so some line is longer than any window would allow.
            Assert.True(widest > 80, $"widest line {widest}");
        }
        else
        {
            // Wider than COLUMNS only where a word cannot be cut: a line of one word (a path), or a table whose columns
            // are already down to their longest words.
            var limit = int.Parse(columns, System.Globalization.CultureInfo.InvariantCulture);
            var over = stdout.Stdout.Split('\n').Where(l => l.Length > limit && !"╭│├╰".Contains(l[0], StringComparison.Ordinal)).ToList();
            Assert.All(over, l => Assert.DoesNotContain(' ', l.Trim()));
            if (limit >= 200)
            {
                Assert.True(widest <= limit, $"widest line {widest} at COLUMNS={columns}");
            }
        }
    }

    [Fact]
    public async Task Without_COLUMNS_the_table_is_not_cut_to_the_80_columns_Spectre_assumes()
    {
        var wide = await RunAsync(NoEnvironment, Audit());
        var narrow = await RunAsync(new Dictionary<string, string> { ["COLUMNS"] = "60" }, Audit());
        Assert.NotEqual(wide.Stdout, narrow.Stdout);
        Assert.Equal(wide.Stdout, (await RunAsync(new Dictionary<string, string> { ["COLUMNS"] = "not a number" }, Audit())).Stdout);
    }

    [Fact]
    public async Task Color_always_colours_stdout_and_the_file_and_never_colours_neither()
    {
        var always = await RunAsync(NoEnvironment, Audit("--color", "always"));
        Assert.Contains("\u001b[", always.Stdout, StringComparison.Ordinal);
        var path = Path.Combine(_dir, "colour.txt");
        await RunAsync(NoEnvironment, Audit("--color", "always", "-o", path));
        Assert.Equal(always.Stdout, await File.ReadAllTextAsync(path));

        var never = await RunAsync(NoEnvironment, Audit("--color", "never"));
        Assert.DoesNotContain('\u001b', never.Stdout);
        Assert.Equal((await RunAsync(NoEnvironment, Audit())).Stdout, never.Stdout);
    }

    [Fact]
    public async Task An_unknown_color_is_a_usage_error()
    {
        var result = await RunAsync(NoEnvironment, Audit("--color", "sometimes"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--color", result.Stderr, StringComparison.Ordinal);
    }
}

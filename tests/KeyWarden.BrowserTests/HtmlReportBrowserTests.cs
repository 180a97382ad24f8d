using System.Globalization;
using KeyWarden.Audit;
using KeyWarden.Audit.Exceptions;
using KeyWarden.Inventory;
using KeyWarden.Reports;
using Microsoft.Playwright;

namespace KeyWarden.BrowserTests;

/// <summary>
/// The HTML report in a real browser (Debian's headless Chromium driven by Playwright): it loads from file://
/// with no console error and no network request, shows the summary's counts, filters, sorts, does not run a
/// script planted in a user name, and leaves a screenshot in artifacts/test-results/html-report.png.
/// </summary>
public sealed class HtmlReportBrowserTests : IAsyncLifetime
{
    private static readonly DateTimeOffset AsOf = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
    private const string HostileName = "<img src=x onerror=alert(1)>";

    private readonly string _dir = Directory.CreateTempSubdirectory("keywarden-browser-").FullName;
    private readonly List<string> _consoleErrors = [];
    private readonly List<string> _failedRequests = [];
    private readonly List<string> _requests = [];
    private readonly List<string> _dialogs = [];
    private IPlaywright? _playwright;
    private IBrowserContext? _context;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.CloseAsync();
        }

        _playwright?.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private static AuditReport Report()
    {
        var inventories = new CredentialReportFileSource(Path.Combine(AppContext.BaseDirectory, "Fixtures", "sample-report.csv"))
            .ReadAsync(CancellationToken.None).GetAwaiter().GetResult();
        var account = inventories[0];
        var hostile = new PrincipalKeys(HostileName, $"arn:aws:iam::111122223333:user/{HostileName}", false,
        [
            new AccessKey(null, 1, KeyStatus.Active, AsOf.AddDays(-120), AsOf.AddDays(-60), "s3", "us-east-1"),
            new AccessKey(null, 2, KeyStatus.Active, AsOf.AddDays(-30), AsOf.AddDays(-1), "s3", "us-east-1"),
        ]);
        var stable = account with { Source = account.Source with { Location = "sample-report.csv" }, Principals = [.. account.Principals, hostile] };
        var report = Auditor.Audit([stable], new AuditParameters(Rules: ["iam-single-active-access-key"]), AsOf, AsOf.AddMinutes(30));
        var exceptions = new ExceptionList("exceptions.yaml",
        [
            new ExceptionEntry(null, "svc,*", null, "Reporting job moves to a role in January (SEC-42)", AsOf.AddDays(30), "2026-12-28", 2),
        ]);
        return ExceptionMatcher.Apply(report, exceptions);
    }

    private async Task<IPage> OpenAsync(AuditReport report)
    {
        var path = Path.Combine(_dir, "keywarden-report.html");
        await using (var writer = new StreamWriter(path))
        {
            new HtmlReportWriter(new ToolInfo("keywarden", "0.0.0-browser-test")).Write(report, writer);
        }

        _playwright = await Playwright.CreateAsync();
        _context = await _playwright.Chromium.LaunchPersistentContextAsync(Path.Combine(_dir, "user-data"), new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = BrowserEnvironment.ChromiumPath,
            Headless = true,
            Args = BrowserEnvironment.ChromiumArgs,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Timeout = 60_000,
        });
        var page = _context.Pages.Count > 0 ? _context.Pages[0] : await _context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _consoleErrors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => _consoleErrors.Add(error);
        page.RequestFailed += (_, request) => _failedRequests.Add($"{request.Url}: {request.Failure}");
        page.Request += (_, request) => _requests.Add(request.Url);
        page.Dialog += async (_, dialog) =>
        {
            _dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };

        await page.GotoAsync(new Uri(path).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        return page;
    }

    private static async Task<int> VisibleRowsAsync(IPage page) =>
        await page.Locator("#findings tbody tr:not([hidden])").CountAsync();

    private static async Task<string> TextAsync(IPage page, string selector) => (await page.Locator(selector).InnerTextAsync()).Trim();

    [SkippableFact]
    public async Task The_report_loads_offline_shows_the_counts_filters_sorts_and_is_screenshotted()
    {
        BrowserEnvironment.RequireChromium();
        var report = Report();
        var page = await OpenAsync(report);
        var summary = report.Summary;

        // Counts shown match the summary.
        Assert.Equal(summary.Principals.ToString(CultureInfo.InvariantCulture), await TextAsync(page, "#count-principals"));
        Assert.Equal(summary.Fail.ToString(CultureInfo.InvariantCulture), await TextAsync(page, "#count-FAIL"));
        Assert.Equal(summary.Pass.ToString(CultureInfo.InvariantCulture), await TextAsync(page, "#count-PASS"));
        Assert.Equal(summary.Muted.ToString(CultureInfo.InvariantCulture), await TextAsync(page, "#count-MUTED"));
        Assert.Equal(1, summary.Muted);
        Assert.Equal(summary.Principals, await VisibleRowsAsync(page));
        Assert.Equal(summary.Principals.ToString(CultureInfo.InvariantCulture), await TextAsync(page, "#shown-count"));
        Assert.Equal(summary.Fail.ToString(CultureInfo.InvariantCulture), await page.Locator("#outcome-chart g[data-status=FAIL]").GetAttributeAsync("data-count"));
        // A vertical line has an empty-width box, so "visible" is judged by its height.
        var line = await page.Locator("#max-age-line").BoundingBoxAsync();
        Assert.True(line is { Height: > 50 }, "the 90-day line is drawn");

        // The hostile user name is shown as text and its markup never ran.
        Assert.Contains(HostileName, await page.Locator("#findings").InnerTextAsync());
        Assert.Equal(0, await page.Locator("#findings img").CountAsync());

        // Filter by status.
        await page.SelectOptionAsync("#status-filter", "FAIL");
        Assert.Equal(summary.Fail, await VisibleRowsAsync(page));
        Assert.All(await page.Locator("#findings tbody tr:not([hidden])").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.status)"), s => Assert.Equal("FAIL", s));
        await page.SelectOptionAsync("#status-filter", "MUTED");
        Assert.Equal(1, await VisibleRowsAsync(page));
        Assert.Contains("SEC-42", await page.Locator("#findings tbody tr:not([hidden])").InnerTextAsync());

        // Filter by text, combined with status.
        await page.SelectOptionAsync("#status-filter", "all");
        await page.FillAsync("#search", "bob");
        Assert.Equal(1, await VisibleRowsAsync(page));
        Assert.Equal("1", await TextAsync(page, "#shown-count"));
        await page.FillAsync("#search", "forgotten-key");
        var forgotten = report.Findings.Count(f => f.Classification == Classification.ForgottenKey);
        Assert.Equal(forgotten, await VisibleRowsAsync(page));
        await page.FillAsync("#search", "no-such-principal");
        Assert.Equal(0, await VisibleRowsAsync(page));
        Assert.True(await page.Locator("#no-match").IsVisibleAsync());
        await page.FillAsync("#search", string.Empty);
        Assert.Equal(summary.Principals, await VisibleRowsAsync(page));

        // Sort by principal, both directions, and by a numeric column.
        await page.ClickAsync("#findings thead th:nth-child(2) button");
        var ascending = await page.Locator("#findings tbody tr td.principal").EvaluateAllAsync<string[]>("cells => cells.map(c => c.dataset.sort)");
        Assert.Equal(ascending.Order(StringComparer.Ordinal).ToArray(), ascending, StringComparer.Ordinal);
        Assert.Equal("ascending", await page.Locator("#findings thead th:nth-child(2)").GetAttributeAsync("aria-sort"));
        await page.ClickAsync("#findings thead th:nth-child(2) button");
        var descending = await page.Locator("#findings tbody tr td.principal").EvaluateAllAsync<string[]>("cells => cells.map(c => c.dataset.sort)");
        Assert.Equal(ascending.Reverse().ToArray(), descending);
        await page.ClickAsync("#findings thead th:nth-child(3) button");
        var activeKeys = await page.Locator("#findings tbody tr td:nth-child(3)").EvaluateAllAsync<int[]>("cells => cells.map(c => parseInt(c.dataset.sort, 10))");
        Assert.Equal(activeKeys.Order().ToArray(), activeKeys);
        Assert.Equal(summary.Principals, activeKeys.Length);

        // Back to the default view for the screenshot: failing first.
        await page.ClickAsync("#findings thead th:nth-child(1) button");
        var artifacts = Path.Combine(BrowserEnvironment.RepositoryRoot(), "artifacts", "test-results");
        Directory.CreateDirectory(artifacts);
        var screenshot = Path.Combine(artifacts, "html-report.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        Assert.True(new FileInfo(screenshot).Length > 10_000);

        // Printable: the print stylesheet hides the controls.
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        Assert.False(await page.Locator(".controls").IsVisibleAsync());
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });

        Assert.Empty(_dialogs);
        Assert.Empty(_consoleErrors);
        Assert.Empty(_failedRequests);
        Assert.All(_requests, url => Assert.True(url.StartsWith("file://", StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal), $"unexpected request {url}"));
    }
}

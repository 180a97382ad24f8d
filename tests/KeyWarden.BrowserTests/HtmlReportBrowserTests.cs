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

    private async Task<IPage> OpenAsync(AuditReport report, int width = 1280)
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
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
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
        Assert.Equal(summary.Findings, await VisibleRowsAsync(page));
        Assert.Equal(summary.Findings.ToString(CultureInfo.InvariantCulture), await TextAsync(page, "#shown-count"));
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
        Assert.Equal(summary.Findings, await VisibleRowsAsync(page));

        // Sort by principal (the third column, after status and rule), both directions, and by a numeric column.
        await page.ClickAsync("#findings thead th:nth-child(3) button");
        var ascending = await page.Locator("#findings tbody tr td.principal").EvaluateAllAsync<string[]>("cells => cells.map(c => c.dataset.sort)");
        Assert.Equal(ascending.Order(StringComparer.Ordinal).ToArray(), ascending, StringComparer.Ordinal);
        Assert.Equal("ascending", await page.Locator("#findings thead th:nth-child(3)").GetAttributeAsync("aria-sort"));
        await page.ClickAsync("#findings thead th:nth-child(3) button");
        var descending = await page.Locator("#findings tbody tr td.principal").EvaluateAllAsync<string[]>("cells => cells.map(c => c.dataset.sort)");
        Assert.Equal(ascending.Reverse().ToArray(), descending);
        Assert.Equal("Active keys", await TextAsync(page, "#findings thead th:nth-child(4)"));
        await page.ClickAsync("#findings thead th:nth-child(4) button");
        var activeKeys = await page.Locator("#findings tbody tr td:nth-child(4)").EvaluateAllAsync<int[]>("cells => cells.map(c => parseInt(c.dataset.sort, 10))");
        Assert.Equal(activeKeys.Order().ToArray(), activeKeys);
        Assert.Equal(summary.Findings, activeKeys.Length);

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

    // IAM's longest user name (64 characters), one with every punctuation IAM allows, and one with no break opportunity.
    private static readonly string LongName = "reporting.pipeline+nightly=eu-west-1,batch@analytics-team_prod-1";
    private static readonly string UnbrokenName = new('x', 64);
    private const string LongPath = "/division-of-platform-engineering/subdivision-data-and-analytics/product-line-1234567890/";

    /// <summary>
    /// Every rule over two accounts read live (key ids known) and one offline credential report (slots only): long names
    /// and path ARNs, a muted finding with a long unbroken ticket link, root with an active key.
    /// </summary>
    private static AuditReport WideReport()
    {
        AccessKey Key(string? id, int createdDaysAgo, int? usedDaysAgo, int? slot = null) =>
            new(id, slot, KeyStatus.Active, AsOf.AddDays(-createdDaysAgo), usedDaysAgo is { } u ? AsOf.AddDays(-u) : null, usedDaysAgo is null ? null : "cloudformation", usedDaysAgo is null ? null : "ap-southeast-2")
            { LastUsedSource = id is null ? LastUseSource.CredentialReport : LastUseSource.Live };
        PrincipalKeys User(string account, string name, params AccessKey[] keys) => new(name, $"arn:aws:iam::{account}:user{LongPath}{name}", false, keys);

        var prod = new AccountInventory(new SourceInfo("111122223333", "aws", SourceKind.Live, AsOf.AddMinutes(-5)),
        [
            new PrincipalKeys(PrincipalKeys.RootName, "arn:aws:iam::111122223333:root", true, [Key("AKIAROOT000000000001", 700, 2)]),
            User("111122223333", LongName, Key("AKIALONGNAME00000001", 400, 300), Key("AKIALONGNAME00000002", 20, 1)),
            User("111122223333", UnbrokenName, Key("AKIAUNBROKEN00000001", 200, 100)),
            User("111122223333", HostileName, Key("AKIAHOSTILE000000001", 120, 60), Key("AKIAHOSTILE000000002", 30, 1)),
            User("111122223333", "svc-legacy-export", Key("AKIALEGACY0000000001", 300, 3), Key("AKIALEGACY0000000002", 250, 100)),
            User("111122223333", "alice", Key("AKIAALICE00000000001", 10, 1)),
        ]);
        var dev = new AccountInventory(new SourceInfo("444455556666", "aws", SourceKind.Live, AsOf.AddMinutes(-4)),
        [
            User("444455556666", LongName, Key("AKIADEVLONG000000001", 95, 50)),
            User("444455556666", "bob", Key("AKIABOB0000000000001", 10, 2)),
        ]);
        var offline = new AccountInventory(new SourceInfo("777788889999", "aws", SourceKind.CredentialReportFile, AsOf.AddHours(-3), Location: "legacy-account-credential-report.csv"),
        [
            User("777788889999", "carol-" + new string('c', 58), Key(null, 500, 400, slot: 1), Key(null, 5, 1, slot: 2)),
        ]);
        var report = Auditor.Audit([prod, dev, offline], new AuditParameters(Rules: ["iam-single-active-access-key", "iam-root-access-key", "iam-access-key-unused", "iam-access-key-rotation"]), AsOf, AsOf.AddMinutes(30));
        var exceptions = new ExceptionList("exceptions.yaml",
        [
            new ExceptionEntry(null, "svc-legacy-*", "iam-single-active-access-key",
                "Legacy export job, see https://tickets.example.com/browse/SECURITY-4242/attachments/decommission-plan-for-the-legacy-export-job-v2.pdf",
                AsOf.AddDays(30), "2026-12-28", 2),
        ]);
        return ExceptionMatcher.Apply(report, exceptions);
    }

    /// <summary>What sticks out past the viewport: the page's own width, and every element whose right edge passes it.</summary>
    private const string OverflowScript = """
        () => {
          const vw = document.documentElement.clientWidth;
          const bad = [];
          if (document.documentElement.scrollWidth > vw) { bad.push('page scrollWidth ' + document.documentElement.scrollWidth + ' > ' + vw); }
          for (const el of document.querySelectorAll('body *')) {
            const r = el.getBoundingClientRect();
            if (r.width > 0 && r.right > vw + 0.5) { bad.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' "' + (el.textContent || '').trim().slice(0, 50) + '" right ' + Math.round(r.right)); }
          }
          return bad;
        }
        """;

    [SkippableTheory]
    [InlineData(1000)]
    [InlineData(1400)]
    public async Task A_multi_rule_multi_account_report_fits_the_width_and_shows_verdict_rule_summary_filter_and_commands(int width)
    {
        BrowserEnvironment.RequireChromium();
        var report = WideReport();
        var page = await OpenAsync(report, width);
        Assert.Equal(width, await page.EvaluateAsync<int>("() => document.documentElement.clientWidth"));

        // Nothing sticks out, whatever filter shows: all rows, then the failing ones (the widest content).
        Assert.Empty(await page.EvaluateAsync<string[]>(OverflowScript));
        await page.SelectOptionAsync("#status-filter", "FAIL");
        Assert.Empty(await page.EvaluateAsync<string[]>(OverflowScript));
        await page.SelectOptionAsync("#status-filter", "all");
        var cells = await page.Locator("#findings td, #findings th, pre, #rule-summary td, table.accounts td").CountAsync();
        Assert.True(cells > 100, $"the check saw the table cells ({cells})");

        // The verdict: failing, counted over findings and principals.
        var failing = report.Findings.Where(f => f.Status == FindingStatus.Fail).ToList();
        var principals = failing.Select(f => (f.AccountId, f.Principal)).Distinct().Count();
        Assert.Equal("fail", await page.Locator("#verdict").GetAttributeAsync("data-verdict"));
        Assert.StartsWith($"{failing.Count} failing ({principals} principals)", await TextAsync(page, "#verdict"), StringComparison.Ordinal);

        // The per-rule summary shows the report's per-rule counts.
        var byRule = AuditSummary.ByRule(report.Findings, report.Rules.Ids);
        Assert.Equal(report.Rules.Ids, await page.Locator("#rule-summary tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.rule)"));
        foreach (var (ruleId, summary) in byRule)
        {
            var row = page.Locator($"#rule-summary tr[data-rule='{ruleId}']");
            foreach (var (status, count) in new[] { ("FAIL", summary.Fail), ("WARN", summary.Warn), ("ERROR", summary.Error), ("MUTED", summary.Muted), ("PASS", summary.Pass) })
            {
                Assert.Equal(count.ToString(CultureInfo.InvariantCulture), await TextAsync(page, $"#rule-summary tr[data-rule='{ruleId}'] td[data-count='{status}']"));
            }

            await row.Locator("a").ClickAsync();
            Assert.True(await page.Locator($"#rule-{ruleId}").IsVisibleAsync());
        }

        Assert.True(byRule.All(x => x.Summary.Fail > 0), "every rule fails somewhere: the counts are not all zero");

        // The rule filter, alone and with the status filter.
        foreach (var ruleId in report.Rules.Ids)
        {
            await page.SelectOptionAsync("#rule-filter", ruleId);
            Assert.Equal(report.Findings.Count(f => f.RuleId == ruleId), await VisibleRowsAsync(page));
            Assert.All(await page.Locator("#findings tbody tr:not([hidden])").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.rule)"), r => Assert.Equal(ruleId, r));
            Assert.Empty(await page.EvaluateAsync<string[]>(OverflowScript));
        }

        await page.SelectOptionAsync("#status-filter", "FAIL");
        Assert.Equal(report.Findings.Count(f => f.RuleId == "iam-access-key-rotation" && f.Status == FindingStatus.Fail), await VisibleRowsAsync(page));
        await page.SelectOptionAsync("#rule-filter", "all");
        await page.SelectOptionAsync("#status-filter", "all");
        Assert.Equal(report.Summary.Findings, await VisibleRowsAsync(page));

        // Copy commands exactly for the keys a FAIL deactivates and whose id is known: the long name's old key twice
        // (two active keys, and unused), the unbroken name's and the dev account's unused keys, the hostile name's old key
        // twice, the legacy user's unused key (its exception mutes only the two-key finding); never root, never the muted
        // finding, never a credential-report slot.
        var keys = await page.Locator(".command[data-key]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.key)");
        Assert.Equal(
            ["AKIADEVLONG000000001", "AKIAHOSTILE000000001", "AKIAHOSTILE000000001", "AKIALEGACY0000000002", "AKIALONGNAME00000001", "AKIALONGNAME00000001", "AKIAUNBROKEN00000001"],
            keys.Order(StringComparer.Ordinal).ToArray());
        var hostileCommand = await page.Locator(".command[data-key='AKIAHOSTILE000000001'] code").First.InnerTextAsync();
        Assert.Equal($"aws iam update-access-key --user-name '{HostileName}' --access-key-id AKIAHOSTILE000000001 --status Inactive", hostileCommand);
        var slotNote = page.Locator($"#rule-iam-single-active-access-key article:has-text('carol-') .remedy");
        Assert.Contains("its key id is not in the credential report", await slotNote.InnerTextAsync());
        Assert.Equal($"aws iam list-access-keys --user-name carol-{new string('c', 58)}", await slotNote.Locator("code").Last.InnerTextAsync());

        // The copy button puts the command, exactly as shown, on the clipboard.
        await _context!.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var copy = page.Locator(".command[data-key='AKIAHOSTILE000000001'] button.copy").First;
        await copy.ClickAsync();
        await Assertions.Expect(copy).ToHaveTextAsync("Copied");
        Assert.Equal(hostileCommand, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));

        var artifacts = Path.Combine(BrowserEnvironment.RepositoryRoot(), "artifacts", "test-results");
        Directory.CreateDirectory(artifacts);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(artifacts, $"html-report-rules-{width}.png"), FullPage = true });

        Assert.Empty(_dialogs);
        Assert.Empty(_consoleErrors);
        Assert.Empty(_failedRequests);
    }
}

using System.Text;
using KeyWarden.Aws.Iam;
using KeyWarden.Aws.Iam.Model;

namespace KeyWarden.Inventory;

/// <summary>
/// The credential report as a small state machine per account, at the fewest calls: GetCredentialReport first, and
/// GenerateCredentialReport only when IAM has none (ReportNotPresent), it has expired (ReportExpired), or it is older
/// than <see cref="MaxAge"/>; after generating, GetCredentialReport again, polling with a growing pause only while
/// IAM says the report is in progress. So a fresh report costs one call and a missing one three (Get, Generate, Get).
/// "No more capacity" (LimitExceeded) and throttling are retried here with a jittered backoff, because AWSSDK.Core does
/// not count IAM's LimitExceeded as retryable; everything stops at a deadline instead of looping (Prowler's tight loop).
/// </summary>
/// <remarks>
/// Once this fetcher has asked IAM to generate, the next report GetCredentialReport returns is taken whatever its
/// GeneratedTime: IAM reuses a report younger than four hours instead of generating (so --max-report-age below 4 h
/// cannot force a new one), answers ReportInProgress while a new one is being written, and emulators report a fixed
/// generation time. Asking again would only spend calls; the report's age is shown with the findings instead.
/// </remarks>
public sealed class CredentialReportFetcher(IIamClient iam, TimeProvider clock, TimeSpan? timeout = null, TimeSpan? maxAge = null, Random? jitter = null)
{
    /// <summary>IAM's own reuse window, and the default --max-report-age.</summary>
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromHours(4);

    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(5);

    private readonly Random _jitter = jitter ?? Random.Shared;

    public TimeSpan Timeout { get; } = timeout ?? TimeSpan.FromMinutes(5);

    /// <summary>A report whose GeneratedTime is older than this (or unknown) is regenerated before it is used.</summary>
    public TimeSpan MaxAge { get; } = maxAge ?? DefaultMaxAge;

    public async Task<(string Csv, DateTimeOffset? GeneratedAt)> FetchAsync(CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + Timeout;
        var pause = FirstPause;
        var step = Step.Get;
        var generated = false; // this fetcher asked IAM to generate: take the next report it returns
        Exception? lastRefusal = null; // the last throttling / capacity error, to name it if the deadline passes

        while (true)
        {
            try
            {
                if (step == Step.Generate)
                {
                    await iam.GenerateCredentialReportAsync(new GenerateCredentialReportRequest(), cancellationToken);
                    // STARTED, INPROGRESS or COMPLETE: in every case the next question is "is it there yet?", asked at once
                    // (an emulator answers at once; AWS says ReportInProgress and the pause below begins).
                    generated = true;
                    step = Step.Get;
                    lastRefusal = null;
                    continue;
                }

                var report = await iam.GetCredentialReportAsync(new GetCredentialReportRequest(), cancellationToken);
                var generatedAt = report.GeneratedTime is { } g ? Reports.Timestamps.FromSdk(g) : (DateTimeOffset?)null;
                if (generated || IsFresh(generatedAt))
                {
                    return (Decode(report.Content), generatedAt);
                }

                step = Step.Generate;
                continue;
            }
            catch (Exception e) when (e is LimitExceededException or ThrottlingException)
            {
                // Capacity or throttling (after the SDK's own attempts): wait and ask the same question again.
                lastRefusal = e;
            }
            catch (ReportInProgressException)
            {
                // Still generating: wait and ask again.
                lastRefusal = null;
                step = Step.Get;
            }
            catch (Exception e) when (e is ReportNotPresentException or ReportExpiredException)
            {
                if (!generated)
                {
                    step = Step.Generate;
                    continue;
                }

                // Generated, yet IAM says there is none: it has not caught up; wait, then generate again.
                lastRefusal = null;
                step = Step.Generate;
            }

            if (clock.GetUtcNow() + pause > deadline)
            {
                // Persistent throttling is throttling, not a report that is slow to generate: say which.
                throw lastRefusal is ThrottlingException or LimitExceededException
                    ? new CredentialReportUnavailableException(
                        $"IAM kept throttling the credential report calls for {Timeout.TotalSeconds:0} s ({lastRefusal.GetType().Name.Replace("Exception", "", StringComparison.Ordinal)}: {lastRefusal.Message}); "
                        + "try again later, raise AWS_MAX_ATTEMPTS / max_attempts, or lower --max-concurrency", throttled: true)
                    : new CredentialReportUnavailableException(
                        $"the credential report was not ready within {Timeout.TotalSeconds:0} s; try again later or use --source live");
            }

            // Jitter after a refusal so that many accounts refused together do not all come back together.
            var wait = lastRefusal is null ? pause : TimeSpan.FromTicks((long)(pause.Ticks * (0.5 + (_jitter.NextDouble() * 0.5))));
            await Task.Delay(wait, clock, cancellationToken);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
        }
    }

    /// <summary>Young enough to use without generating: a known GeneratedTime within <see cref="MaxAge"/> of now.</summary>
    private bool IsFresh(DateTimeOffset? generatedAt) => generatedAt is { } at && clock.GetUtcNow() - at <= MaxAge;

    private static string Decode(byte[] content)
    {
        var text = Encoding.UTF8.GetString(content);
        return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
    }

    private enum Step
    {
        Get,
        Generate,
    }
}

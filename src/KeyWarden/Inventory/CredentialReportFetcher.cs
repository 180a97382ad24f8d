using System.Text;
using KeyWarden.Aws.Iam;
using KeyWarden.Aws.Iam.Model;

namespace KeyWarden.Inventory;

/// <summary>
/// GenerateCredentialReport, poll until COMPLETE, GetCredentialReport: with a growing pause between polls
/// and a deadline, unlike a tight loop. "No more capacity" (LimitExceeded) and throttling are retried here
/// because AWSSDK.Core does not count IAM's LimitExceeded as retryable.
/// </summary>
public sealed class CredentialReportFetcher(IIamClient iam, TimeProvider clock, TimeSpan? timeout = null)
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(5);

    public TimeSpan Timeout { get; } = timeout ?? TimeSpan.FromMinutes(5);

    public async Task<(string Csv, DateTimeOffset? GeneratedAt)> FetchAsync(CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + Timeout;
        var pause = FirstPause;
        var needsGeneration = true;
        Exception? lastRefusal = null; // the last throttling / capacity error, to name it if the deadline passes

        while (true)
        {
            try
            {
                if (needsGeneration)
                {
                    var state = (await iam.GenerateCredentialReportAsync(new GenerateCredentialReportRequest(), cancellationToken)).State;
                    needsGeneration = !string.Equals(state, ReportState.Complete, StringComparison.OrdinalIgnoreCase);
                }

                if (!needsGeneration)
                {
                    var report = await iam.GetCredentialReportAsync(new GetCredentialReportRequest(), cancellationToken);
                    var generated = report.GeneratedTime is { } g ? Reports.Timestamps.FromSdk(g) : (DateTimeOffset?)null;
                    return (Decode(report.Content), generated);
                }
            }
            catch (Exception e) when (e is LimitExceededException or ThrottlingException)
            {
                // Capacity or throttling (after the SDK's own attempts): wait and ask again.
                lastRefusal = e;
            }
            catch (ReportInProgressException)
            {
                // Still generating: wait and ask again.
                lastRefusal = null;
            }
            catch (Exception e) when (e is ReportNotPresentException or ReportExpiredException)
            {
                needsGeneration = true;
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

            await Task.Delay(pause, clock, cancellationToken);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
        }
    }

    private static string Decode(byte[] content)
    {
        var text = Encoding.UTF8.GetString(content);
        return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
    }
}

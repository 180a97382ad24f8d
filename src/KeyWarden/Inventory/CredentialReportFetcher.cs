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
            catch (Exception e) when (e is LimitExceededException or ThrottlingException or ReportInProgressException)
            {
                // Capacity, throttling, or still generating: wait and ask again.
            }
            catch (Exception e) when (e is ReportNotPresentException or ReportExpiredException)
            {
                needsGeneration = true;
            }

            if (clock.GetUtcNow() + pause > deadline)
            {
                throw new CredentialReportUnavailableException(
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

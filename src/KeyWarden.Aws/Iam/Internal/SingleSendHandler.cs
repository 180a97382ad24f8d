using System.Net;
using System.Net.Http;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using KeyWarden.Aws.Iam.Model;

namespace KeyWarden.Aws.Iam.Internal;

/// <summary>
/// Sits just inside the SDK's retry handler and keeps it from resending a change that may already have been made.
/// For UpdateAccessKey, an answer that proves nothing happened (throttling, a refusal) passes through as it is, so
/// throttling is still retried; anything that leaves the outcome open (5xx, reset, dropped or timed-out response)
/// becomes <see cref="IamNoDefinitiveAnswerException"/>, which the retry policy does not retry. Reads are untouched:
/// resending them is harmless.
/// </summary>
internal sealed class SingleSendHandler : PipelineHandler
{
    public override void InvokeSync(IExecutionContext executionContext)
    {
        try
        {
            base.InvokeSync(executionContext);
        }
        catch (Exception e) when (IsChange(executionContext) && LeavesOutcomeOpen(e))
        {
            throw NoAnswer(executionContext, e);
        }
    }

    public override async Task<T> InvokeAsync<T>(IExecutionContext executionContext)
    {
        try
        {
            return await base.InvokeAsync<T>(executionContext).ConfigureAwait(false);
        }
        catch (Exception e) when (IsChange(executionContext) && LeavesOutcomeOpen(e))
        {
            throw NoAnswer(executionContext, e);
        }
    }

    private static bool IsChange(IExecutionContext context) => context.RequestContext.OriginalRequest is UpdateAccessKeyRequest;

    /// <summary>
    /// True unless IAM answered in a way that proves the request was not carried out: a 4xx error response (refused,
    /// throttled, malformed). A 5xx, or no readable answer at all, may follow a change that was made.
    /// </summary>
    internal static bool LeavesOutcomeOpen(Exception exception) => exception switch
    {
        AmazonServiceException s when (int)s.StatusCode is >= 400 and < 500 && !string.IsNullOrEmpty(s.ErrorCode) => false,
        AmazonServiceException => true,
        HttpRequestException or IOException or WebException or TimeoutException or OperationCanceledException => true,
        AmazonClientException => true,
        _ => exception.InnerException is { } inner && LeavesOutcomeOpen(inner),
    };

    private static IamNoDefinitiveAnswerException NoAnswer(IExecutionContext context, Exception e)
    {
        _ = context;
        var cause = AwsErrorDescriber.Describe(e)?.OneLineMessage
            ?? $"{e.GetType().Name}: {string.Join(' ', e.Message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))}";
        return new IamNoDefinitiveAnswerException("UpdateAccessKey", cause);
    }
}

using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace KeyWarden.Aws;

/// <summary>
/// Runs after the SDK resolved the credentials a request signs with and hands their secret key and session token
/// to the tool's redactor, so that whatever a server or a credential_process echoes back can be removed before it
/// is printed. Refreshed credentials (assume-role, SSO) are handed over again as they change.
/// </summary>
internal sealed class SecretCaptureHandler(Action<string> secretSink) : PipelineHandler
{
    private ImmutableCredentials? last;

    public override void InvokeSync(IExecutionContext executionContext)
    {
        if (executionContext.RequestContext.Identity is AWSCredentials credentials) Capture(credentials.GetCredentials());
        base.InvokeSync(executionContext);
    }

    public override async Task<T> InvokeAsync<T>(IExecutionContext executionContext)
    {
        if (executionContext.RequestContext.Identity is AWSCredentials credentials)
            Capture(await credentials.GetCredentialsAsync().ConfigureAwait(false));
        return await base.InvokeAsync<T>(executionContext).ConfigureAwait(false);
    }

    private void Capture(ImmutableCredentials? credentials)
    {
        if (credentials is null || ReferenceEquals(credentials, last)) return;
        last = credentials;
        if (!string.IsNullOrEmpty(credentials.SecretKey)) secretSink(credentials.SecretKey);
        if (!string.IsNullOrEmpty(credentials.Token)) secretSink(credentials.Token);
    }
}

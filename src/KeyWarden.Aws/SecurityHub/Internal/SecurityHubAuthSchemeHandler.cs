using Amazon.Runtime;
using Amazon.Runtime.Credentials.Internal;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;

namespace KeyWarden.Aws.SecurityHub.Internal;

/// <summary>Every Security Hub operation is signed with SigV4 (the model's only auth: aws.auth#sigv4).</summary>
public sealed class SecurityHubAuthSchemeHandler : BaseAuthResolverHandler
{
    protected override List<IAuthSchemeOption> ResolveAuthOptions(IExecutionContext executionContext) => AuthSchemeOption.DEFAULT_SIGV4;
}

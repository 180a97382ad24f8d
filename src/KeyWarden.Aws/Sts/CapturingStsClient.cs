using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.SecurityToken;

namespace KeyWarden.Aws.Sts;

/// <summary>The SDK's STS client with <see cref="SecretCaptureHandler"/> in its pipeline, like <see cref="Iam.IamClient"/>.</summary>
internal sealed class CapturingStsClient : AmazonSecurityTokenServiceClient
{
    private readonly Action<string>? secretSink;

    public CapturingStsClient(AWSCredentials? credentials, AmazonSecurityTokenServiceConfig config, Action<string>? secretSink)
        : base(credentials, config) => this.secretSink = secretSink;

    public CapturingStsClient(AmazonSecurityTokenServiceConfig config, Action<string>? secretSink)
        : base(config) => this.secretSink = secretSink;

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        base.CustomizeRuntimePipeline(pipeline);
        // The base constructor builds the pipeline before this class's fields are set: read the sink lazily.
        pipeline.AddHandlerBefore<Signer>(new SecretCaptureHandler(secret => SecretSink?.Invoke(secret)));
    }

    private Action<string>? SecretSink => secretSink;
}

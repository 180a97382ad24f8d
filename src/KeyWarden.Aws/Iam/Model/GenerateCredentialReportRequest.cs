namespace KeyWarden.Aws.Iam.Model;

public sealed class GenerateCredentialReportRequest : AmazonIdentityManagementServiceRequest
{
}

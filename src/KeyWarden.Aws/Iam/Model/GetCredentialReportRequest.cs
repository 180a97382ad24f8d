namespace KeyWarden.Aws.Iam.Model;

public sealed class GetCredentialReportRequest : AmazonIdentityManagementServiceRequest
{
}

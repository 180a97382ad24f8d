namespace KeyWarden.Aws.Iam.Model;

public sealed class GetAccountSummaryRequest : AmazonIdentityManagementServiceRequest
{
}

using KeyWarden.Aws.Sts;

namespace KeyWarden.Aws.Tests.Sts;

public sealed class CallerIdentityTests
{
    [Theory]
    [InlineData("arn:aws:iam::123456789012:user/alice", "aws")]
    [InlineData("arn:aws:sts::123456789012:assumed-role/Admin/session", "aws")]
    [InlineData("arn:aws-cn:iam::123456789012:root", "aws-cn")]
    [InlineData("arn:aws-us-gov:iam::123456789012:user/bob", "aws-us-gov")]
    [InlineData("", "aws")]
    [InlineData("garbage", "aws")]
    public void Partition_comes_from_the_arn(string arn, string partition)
    {
        Assert.Equal(partition, new CallerIdentity("123456789012", arn, "AIDA").Partition);
    }
}

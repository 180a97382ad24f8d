namespace KeyWarden.Aws.SecurityHub.Model;

/// <summary>
/// The <c>AwsSecurityFindingFilters</c> members KeyWarden filters by (the model has about a hundred); the values of
/// one attribute are ORed, attributes are ANDed. Unset (null) attributes are not sent.
/// </summary>
public sealed class AwsSecurityFindingFilters
{
    public List<StringFilter>? Id { get; set; }

    public List<StringFilter>? ProductArn { get; set; }

    public List<StringFilter>? GeneratorId { get; set; }

    public List<StringFilter>? AwsAccountId { get; set; }

    public List<StringFilter>? RecordState { get; set; }
}

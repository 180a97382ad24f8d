namespace KeyWarden.Aws.Organizations.Model;

/// <summary>An organizational unit as ListOrganizationalUnitsForParent returns it.</summary>
public sealed class OrganizationalUnit
{
    /// <summary><c>ou-xxxx-yyyyyyyy</c>.</summary>
    public string? Id { get; set; }

    public string? Arn { get; set; }

    public string? Name { get; set; }
}

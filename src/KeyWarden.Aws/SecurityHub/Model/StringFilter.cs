namespace KeyWarden.Aws.SecurityHub.Model;

/// <summary>A string filter: <see cref="Comparison"/> is one of the model's StringFilterComparison values (EQUALS, PREFIX, …).</summary>
public sealed class StringFilter
{
    public const string EqualsComparison = "EQUALS";

    public string? Value { get; set; }

    public string? Comparison { get; set; }

    public static StringFilter EqualTo(string value) => new() { Value = value, Comparison = EqualsComparison };
}

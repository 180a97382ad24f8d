namespace KeyWarden.Audit.Rules;

/// <summary>What one finding of a rule is about: a principal, or one access key of a principal.</summary>
public enum RuleScope
{
    Principal,
    Key,
}

public static class RuleScopeNames
{
    public static string ToContractName(this RuleScope scope) => scope == RuleScope.Key ? "key" : "principal";
}

namespace KeyWarden.Remediation;

/// <summary>The safety switches of apply: how recent a use blocks a deactivation, and whether to override that.</summary>
public sealed record ApplyOptions(TimeSpan RecentUseGuard, bool AllowRecentlyUsed);

namespace KeyWarden.Remediation;

/// <summary>
/// The safety switches of apply: how recent a use blocks a deactivation, and whether to override that;
/// <paramref name="DryRun"/>: read and check everything, change nothing, journal nothing;
/// <paramref name="KeepGoing"/>: go on after an UpdateAccessKey refused for lack of permission (default: stop);
/// <paramref name="MaxChanges"/>: deactivate at most this many keys (null: no limit); the steps after are skipped.
/// </summary>
public sealed record ApplyOptions(TimeSpan RecentUseGuard, bool AllowRecentlyUsed, bool DryRun = false, bool KeepGoing = false, int? MaxChanges = null);

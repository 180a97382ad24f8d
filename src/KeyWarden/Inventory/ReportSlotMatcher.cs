using KeyWarden.Aws.Iam.Model;
using KeyWarden.Reports;

namespace KeyWarden.Inventory;

/// <summary>
/// Gives keys listed live (ListAccessKeys: ids, no last use) the last use their credential-report slots carry (no ids),
/// so that auto needs no GetAccessKeyLastUsed for them. A slot's <c>access_key_N_last_rotated</c> is its key's CreateDate
/// to the second, so a key is placed when exactly as many slots as listed keys share its creation second and, when more
/// than one does, those slots carry the same last use (then whichever slot is whose, the evidence is the same). A key no
/// slot matches (created or changed since the report) or two keys of one second with different last use are left for
/// GetAccessKeyLastUsed. Pure.
/// </summary>
public static class ReportSlotMatcher
{
    /// <returns>Per listed key, in order: the key with the report's last-use evidence, or null when it cannot be placed.</returns>
    public static AccessKey?[] Place(IReadOnlyList<AccessKeyMetadata> listed, IReadOnlyList<AccessKey> reportKeys)
    {
        var placed = new AccessKey?[listed.Count];
        var slotsBySecond = reportKeys
            .Where(k => k.CreatedAt is not null)
            .GroupBy(k => ToSecond(k.CreatedAt!.Value))
            .ToDictionary(g => g.Key, g => g.ToList());
        var listedPerSecond = listed
            .Select(m => Created(m) is { } created ? ToSecond(created) : (long?)null)
            .Where(s => s is not null)
            .GroupBy(s => s!.Value)
            .ToDictionary(g => g.Key, g => g.Count());

        for (var i = 0; i < listed.Count; i++)
        {
            if (Created(listed[i]) is not { } created
                || !slotsBySecond.TryGetValue(ToSecond(created), out var slots)
                || slots.Count != listedPerSecond[ToSecond(created)]
                || slots.Select(s => (s.LastUsedAt, s.LastUsedService, s.LastUsedRegion)).Distinct().Count() != 1)
            {
                continue;
            }

            var slot = slots[0];
            placed[i] = LiveKeyReader.FromMetadata(listed[i]) with
            {
                LastUsedAt = slot.LastUsedAt,
                LastUsedService = slot.LastUsedService,
                LastUsedRegion = slot.LastUsedRegion,
                LastUsedSource = LastUseSource.CredentialReport,
            };
        }

        return placed;
    }

    // An unset CreateDate (DateTime's default) matches no slot.
    private static DateTimeOffset? Created(AccessKeyMetadata metadata) =>
        metadata.CreateDate == default ? null : Timestamps.FromSdk(metadata.CreateDate);

    private static long ToSecond(DateTimeOffset at) => at.ToUnixTimeSeconds();
}

using System.Text;
using System.Text.Json.Nodes;

namespace KeyWarden.Publishing;

/// <summary>
/// Splits one account's findings into BatchImportFindings calls: at most <see cref="MaxFindings"/> findings and
/// <see cref="MaxBytes"/> of JSON a call, in the order given. A finding larger than <see cref="MaxBytes"/> on its own
/// is refused by Security Hub ("An error is returned for any finding larger than 240 Kb"), so it is never sent: it is
/// returned as a failure instead. Sizes are of the compact UTF-8 JSON the client sends.
/// </summary>
public static class FindingBatches
{
    public const int MaxFindings = 100;

    public const int MaxBytes = 240 * 1024;

    public static (IReadOnlyList<IReadOnlyList<JsonObject>> Batches, IReadOnlyList<ImportFailure> Oversized) Split(IEnumerable<JsonObject> findings)
    {
        var batches = new List<IReadOnlyList<JsonObject>>();
        var oversized = new List<ImportFailure>();
        var current = new List<JsonObject>();
        var currentBytes = 0;
        foreach (var finding in findings)
        {
            var bytes = Encoding.UTF8.GetByteCount(finding.ToJsonString());
            if (bytes > MaxBytes)
            {
                oversized.Add(new ImportFailure(AsffFindings.Id(finding), $"finding is {bytes} bytes; Security Hub takes at most {MaxBytes} (240 KB): not sent"));
                continue;
            }

            // The separating comma counts too; the array's brackets are within the slack of the request object.
            if (current.Count == MaxFindings || (current.Count > 0 && currentBytes + bytes + 1 > MaxBytes))
            {
                batches.Add(current);
                current = [];
                currentBytes = 0;
            }

            current.Add(finding);
            currentBytes += bytes + (current.Count > 1 ? 1 : 0);
        }

        if (current.Count > 0)
        {
            batches.Add(current);
        }

        return (batches, oversized);
    }
}

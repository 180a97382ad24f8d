using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace KeyWarden.EmulatorTests.Infrastructure;

/// <summary>
/// Decides whether and how a request is faulted from a hash of (seed, the request's canonical form, how often
/// that same request was seen before), never from a shared random sequence: with concurrent requests the
/// arrival order varies, and a failing test must replay the same faults for the same requests.
/// </summary>
public static class FaultDecider
{
    /// <summary>The kind to inject, or null to forward the request untouched.</summary>
    public static FaultKind? Decide(int seed, FaultRule? rule, string canonicalRequest, int occurrence)
    {
        if (rule is null || rule.Rate <= 0 || rule.Kinds.Count == 0)
        {
            return null;
        }

        if (rule.FirstOccurrences is { } first)
        {
            // Deterministic whatever the request's random parts: the first N sends of each request fail, the next succeeds.
            return occurrence <= first ? rule.Kinds[(occurrence - 1) % rule.Kinds.Count] : null;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}\n{canonicalRequest}\n{occurrence}"));
        var draw = BinaryPrimitives.ReadUInt64LittleEndian(hash) / (double)ulong.MaxValue;
        if (draw >= rule.Rate)
        {
            return null;
        }

        return rule.Kinds[(int)(BinaryPrimitives.ReadUInt32LittleEndian(hash.AsSpan(8)) % (uint)rule.Kinds.Count)];
    }

    /// <summary>
    /// The request as the decision sees it: the action and its parameters, sorted, without anything that
    /// depends on the signature or the clock (query-string auth parameters, if any).
    /// </summary>
    public static string Canonical(string action, IReadOnlyList<KeyValuePair<string, string>> parameters) =>
        action + "\n" + string.Join("&", parameters
            .Where(p => !p.Key.StartsWith("X-Amz-", StringComparison.OrdinalIgnoreCase) && p.Key is not ("Signature" or "AWSAccessKeyId" or "Timestamp"))
            .OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + p.Value));
}

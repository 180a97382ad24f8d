using System.Text.Json;
using KeyWarden.Audit;
using KeyWarden.Audit.Rules;
using KeyWarden.Audit.Exceptions;
using KeyWarden.Audit.Rules.MultipleActiveKeys;
using KeyWarden.Inventory;

namespace KeyWarden.Reports;

/// <summary>
/// Reads a saved JSON report (docs/reports.md) back into the <see cref="AuditReport"/> the writers take, so a saved
/// report renders, merges and diffs with no AWS call. Strict: the schema version, the kind of file and every
/// contract value are checked; anything else is an exit-2 error naming the file, never an unhandled exception.
/// </summary>
public static class SavedReportReader
{
    /// <summary>
    /// A report is about 1 KB per principal (measured: 100 MB for 100,000), so 1 GiB is some 1,000,000 principals,
    /// far past one organization run; a bigger file is not worth reading into memory.
    /// </summary>
    public const long MaxBytes = 1L << 30;

    private static readonly JsonSerializerOptions Options = new(JsonReportWriter.Options)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip,
        MaxDepth = 16,
    };

    /// <summary>The marker the audit appends to a FAIL's message when a person must decide (Auditor): the review reason follows it.</summary>
    private const string ReviewMarker = "; needs review before deactivating: ";

    public static SavedReport Read(string path)
    {
        FileInfo file;
        try
        {
            file = new FileInfo(path);
            if (!file.Exists)
            {
                throw KeyWardenException.Input($"{path}: no such file");
            }

            if (file.Length > MaxBytes)
            {
                throw KeyWardenException.Input($"{path}: {file.Length} bytes is more than a KeyWarden report can be ({MaxBytes} bytes)");
            }

            using var stream = file.OpenRead();
            return Parse(stream, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw KeyWardenException.Input($"{path}: cannot read: {e.Message}", e);
        }
    }

    public static SavedReport Parse(Stream stream, string name)
    {
        ReportDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<ReportDocument>(stream, Options);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1})" : string.Empty;
            throw KeyWardenException.Input($"{name}: not a KeyWarden JSON report{where}: {FirstSentence(e.Message)}", e);
        }

        if (document is null)
        {
            throw KeyWardenException.Input($"{name}: not a KeyWarden JSON report (null)");
        }

        if (document.SchemaVersion != ReportDocument.CurrentSchemaVersion)
        {
            throw KeyWardenException.Input($"{name}: schemaVersion {document.SchemaVersion} is not one this KeyWarden reads (it reads {ReportDocument.CurrentSchemaVersion})");
        }

        try
        {
            return new SavedReport(name, document, ToReport(document));
        }
        catch (FormatException e)
        {
            throw KeyWardenException.Input($"{name}: {e.Message}", e);
        }
        catch (NullReferenceException e)
        {
            // Null annotations are enforced on fields, not on list elements: "findings": [null] lands here.
            throw KeyWardenException.Input($"{name}: not a KeyWarden JSON report (null where an object belongs)", e);
        }
    }

    private static AuditReport ToReport(ReportDocument d)
    {
        if (d.Tool is null || d.Parameters is null || d.Sources is null || d.Findings is null || d.Summary is null || d.Rules is null || d.Exceptions is null)
        {
            throw new FormatException("not a KeyWarden JSON report (a top-level field is missing)");
        }

        var p = d.Parameters;
        // The rules that ran are the report's rules[] (a report written before parameters.rules existed has only those).
        var ran = d.Rules.Select((r, i) => r?.Id ?? throw new FormatException($"rules[{i}]: no id")).ToList();
        if (ran.FirstOrDefault(id => RuleRegistry.Find(id) is null) is { } unknownRule)
        {
            throw new FormatException($"rules: rule '{unknownRule}' is not one this KeyWarden knows");
        }

        var parameters = new AuditParameters(
            p.MaxKeyAgeDays, p.InUseDays, p.RotationGraceDays, p.TreatRotationAsWarning,
            UnusedDays: p.UnusedDays > 0 ? p.UnusedDays : new AuditParameters().UnusedDays,
            Rules: ran,
            Benchmark: p.Benchmark);
        if (p.Benchmark is { } benchmark && CisBenchmark.Find(benchmark) is null)
        {
            throw new FormatException($"parameters.benchmark: '{benchmark}' is not a benchmark this KeyWarden knows");
        }

        var findings = d.Findings.Select((f, i) => ToFinding(f, i, ran, parameters)).ToList();
        var report = new AuditReport(
            Time(d.GeneratedAt, "generatedAt"),
            Time(d.AsOf, "asOf"),
            parameters,
            d.Sources.Select(ToSource).ToList(),
            findings,
            d.Exceptions.Select(ToException).ToList());
        var s = d.Summary;
        if (report.Summary != new AuditSummary(s.Principals, s.Pass, s.Fail, s.Warn, s.Error, s.Muted))
        {
            // A hand-edited summary would make the rendered formats disagree with the findings they list.
            throw new FormatException("summary does not match the findings (edited by hand?)");
        }

        return report;
    }

    private static Finding ToFinding(FindingDocument f, int index, IReadOnlyList<string> ran, AuditParameters parameters)
    {
        if (!ran.Contains(f.RuleId))
        {
            throw new FormatException(RuleRegistry.Find(f.RuleId) is null
                ? $"findings[{index}]: rule '{f.RuleId}' is not one this KeyWarden knows"
                : $"findings[{index}]: rule '{f.RuleId}' is not among the report's rules[]");
        }

        var decision = f.Decision is { } d
            ? new KeepDecision(d.Keep, d.Deactivate, d.Reasons, d.RotateKeeper, d.NeedsReview, ReviewReason(d, f.Message))
            : null;
        return new Finding(
            f.RuleId,
            f.AccountId,
            f.Partition,
            f.Principal,
            f.Arn,
            f.IsRoot,
            Enum<FindingStatus>(f.Status, s => s.ToContractName(), $"findings[{index}].status"),
            f.Classification is { } c ? Enum<Classification>(c, x => x.ToContractName(), $"findings[{index}].classification") : null,
            f.ActiveKeyCount,
            f.Keys.Select((k, j) => ToKey(k, $"findings[{index}].keys[{j}]", parameters)).ToList(),
            decision,
            f.Message,
            f.MuteReason,
            f.Key);
    }

    /// <summary>The review reason is not a field of its own: the audit writes it at the end of the message.</summary>
    private static string? ReviewReason(DecisionDocument d, string message)
    {
        var at = message.LastIndexOf(ReviewMarker, StringComparison.Ordinal);
        return d.NeedsReview && at >= 0 ? message[(at + ReviewMarker.Length)..] : null;
    }

    private static KeyEvidence ToKey(KeyDocument k, string where, AuditParameters parameters)
    {
        var key = new AccessKey(
            k.Id,
            k.Slot,
            Enum<KeyStatus>(k.Status, s => s.ToString(), where + ".status"),
            OptionalTime(k.CreatedAt, where + ".createdAt"),
            OptionalTime(k.LastUsedAt, where + ".lastUsedAt"),
            k.LastUsedService,
            k.LastUsedRegion)
        {
            LastUsedSource = k.LastUsedSource is { } s ? Enum<LastUseSource>(s, x => x.ToContractName(), where + ".lastUsedSource") : null,
        };
        return new KeyEvidence(key, k.AgeDays, k.DaysSinceLastUse, k.Operational, k.AgeDays is { } age && age < parameters.MaxKeyAgeDays);
    }

    private static SourceInfo ToSource(SourceDocument s, int index) => new(
        s.AccountId,
        s.Partition,
        Enum<SourceKind>(s.Kind, k => k.ToContractName(), $"sources[{index}].kind"),
        OptionalTime(s.DataAsOf, $"sources[{index}].dataAsOf"),
        s.Error,
        s.Location,
        s.Notes,
        Enum<AccountStatus>(s.Status, x => x.ToContractName(), $"sources[{index}].status"),
        s.AccountName,
        s.RoleArn);

    private static ExceptionOutcome ToException(ExceptionDocument e, int index)
    {
        // Expires is "2027-01-31" (the whole UTC day) or a timestamp, as the exceptions file gave it.
        var at = Timestamps.Parse(e.Expires) ?? throw new FormatException($"exceptions[{index}].expires: '{e.Expires}' is not a date");
        var expiresAt = e.Expires.Length == 10 ? at.AddDays(1) : at;
        return new ExceptionOutcome(new ExceptionEntry(e.Account, e.Principal, e.Rule, e.Reason, expiresAt, e.Expires, Line: 0), e.Expired, e.Matched);
    }

    private static T Enum<T>(string value, Func<T, string> name, string where)
        where T : struct, System.Enum
    {
        foreach (var candidate in System.Enum.GetValues<T>())
        {
            if (name(candidate) == value)
            {
                return candidate;
            }
        }

        throw new FormatException($"{where}: '{Shorten(value)}' is not one of {string.Join(", ", System.Enum.GetValues<T>().Select(name))}");
    }

    private static DateTimeOffset Time(string value, string where) =>
        Timestamps.Parse(value) ?? throw new FormatException($"{where}: '{Shorten(value)}' is not a timestamp");

    private static DateTimeOffset? OptionalTime(string? value, string where) => value is null ? null : Time(value, where);

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message.TrimEnd('.');
    }
}

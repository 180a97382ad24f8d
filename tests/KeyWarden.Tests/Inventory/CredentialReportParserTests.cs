using KeyWarden.Inventory;
using static KeyWarden.Tests.Inventory.CredentialReportCsv;

namespace KeyWarden.Tests.Inventory;

public sealed class CredentialReportParserTests
{
    private const string Source = "report.csv";

    private static readonly DateTimeOffset Jan1 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static ParsedCredentialReport Parse(string content) => CredentialReportParser.Parse(content, Source);

    private static CredentialReportFormatException ParseFails(string content) =>
        Assert.Throws<CredentialReportFormatException>(() => Parse(content));

    private static PrincipalKeys Single(string content) => Assert.Single(Parse(content).Principals);

    // ---- the basics -------------------------------------------------------------------------------------

    [Fact]
    public void Reads_a_user_with_one_active_key_by_column_name()
    {
        var report = Parse(Report(User("alice", cells:
            [.. Key(1, "true", "2026-03-01T10:00:00+00:00", "2026-05-30T08:15:00+00:00", "eu-west-1", "s3")])));

        var alice = Assert.Single(report.Principals);
        Assert.Equal("alice", alice.Name);
        Assert.Equal("arn:aws:iam::123456789012:user/alice", alice.Arn);
        Assert.False(alice.IsRoot);
        Assert.Null(alice.ReadError);
        var key = Assert.Single(alice.Keys);
        Assert.Null(key.Id);
        Assert.Equal(1, key.Slot);
        Assert.Equal("slot:1", key.Reference);
        Assert.Equal(KeyStatus.Active, key.Status);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero), key.CreatedAt);
        Assert.Equal(new DateTimeOffset(2026, 5, 30, 8, 15, 0, TimeSpan.Zero), key.LastUsedAt);
        Assert.Equal("s3", key.LastUsedService);
        Assert.Equal("eu-west-1", key.LastUsedRegion);
        Assert.Equal("123456789012", report.AccountId);
        Assert.Equal("aws", report.Partition);
    }

    [Fact]
    public void Reads_both_slots_and_keeps_rows_in_file_order()
    {
        var report = Parse(Report(
            User("bob", cells: [.. Key(1, "true", "2025-06-01T00:00:00+00:00"), .. Key(2, "true", "2026-01-01T00:00:00+00:00")]),
            User("carol"),
            User("dave", cells: [.. Key(2, "true", "2026-02-01T00:00:00+00:00")])));

        Assert.Equal(["bob", "carol", "dave"], report.Principals.Select(p => p.Name));
        Assert.Equal([1, 2], report.Principals[0].Keys.Select(k => k.Slot!.Value));
        Assert.Equal(2, report.Principals[0].ActiveKeyCount);
        Assert.Empty(report.Principals[1].Keys);
        Assert.Equal(2, Assert.Single(report.Principals[2].Keys).Slot);
    }

    [Fact]
    public void Header_only_gives_no_principals_and_no_account()
    {
        var report = Parse(Report());

        Assert.Empty(report.Principals);
        Assert.Null(report.AccountId);
        Assert.Null(report.Partition);
        Assert.Null(report.NewestTimestamp);
    }

    // ---- root ------------------------------------------------------------------------------------------

    [Fact]
    public void Root_row_is_a_principal_labelled_as_root_with_its_keys()
    {
        var report = Parse(Report(
            Root(cells: [.. Key(1, "true", "2024-01-01T00:00:00+00:00", "2026-05-01T00:00:00+00:00", "us-east-1", "iam"), .. Key(2, "true", "2025-01-01T00:00:00+00:00")]),
            User("alice")));

        var root = report.Principals[0];
        Assert.True(root.IsRoot);
        Assert.Equal("<root_account>", root.Name);
        Assert.Equal(PrincipalKeys.RootName, root.Name);
        Assert.Equal("arn:aws:iam::123456789012:root", root.Arn);
        Assert.Equal(2, root.ActiveKeyCount);
        Assert.False(report.Principals[1].IsRoot);
        Assert.Equal("123456789012", report.AccountId);
    }

    [Theory]
    [InlineData("<root_account>", "")] // recognised by name even without an ARN
    [InlineData("<root_account>", "arn:aws:iam::123456789012:root")]
    [InlineData("root-label", "arn:aws:iam::123456789012:root")] // recognised by ARN, labelled as root
    public void Root_is_recognised_by_name_or_ARN(string user, string arn)
    {
        var root = Single(Report(User(user, cells: [("arn", arn)])));

        Assert.True(root.IsRoot);
        Assert.Equal("<root_account>", root.Name);
    }

    [Fact]
    public void A_user_named_root_is_not_the_root_account()
    {
        var user = Single(Report(User("root")));

        Assert.False(user.IsRoot);
        Assert.Equal("root", user.Name);
    }

    // ---- key slots: inactive key vs no key, third slot --------------------------------------------------

    [Fact]
    public void Slot_with_false_and_a_rotation_date_is_an_inactive_key_but_false_and_NA_is_no_key()
    {
        var user = Single(Report(User("erin", cells:
        [
            .. Key(1, "false", "2025-03-01T00:00:00+00:00", "2025-04-01T00:00:00+00:00", "us-east-1", "sts"),
            .. Key(2, "false", "N/A"),
        ])));

        var key = Assert.Single(user.Keys);
        Assert.Equal(1, key.Slot);
        Assert.Equal(KeyStatus.Inactive, key.Status);
        Assert.False(key.IsActive);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero), key.CreatedAt);
        Assert.Equal("sts", key.LastUsedService);
        Assert.Equal(0, user.ActiveKeyCount);
    }

    [Fact]
    public void A_third_key_slot_is_read_not_dropped()
    {
        var columns = Columns.Concat(ThirdSlotColumns).ToArray();
        var user = Single(Report(columns, User("tf", cells:
        [
            .. Key(1, "true", "2025-01-01T00:00:00+00:00"),
            .. Key(2, "true", "2025-02-01T00:00:00+00:00"),
            .. Key(3, "true", "2025-03-01T00:00:00+00:00", "2026-05-01T00:00:00+00:00", "us-west-2", "ec2"),
        ])));

        Assert.Equal([1, 2, 3], user.Keys.Select(k => k.Slot!.Value));
        Assert.Equal(3, user.ActiveKeyCount);
        var third = user.Keys[2];
        Assert.Equal("slot:3", third.Reference);
        Assert.Equal("ec2", third.LastUsedService);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero), third.CreatedAt);
    }

    [Fact]
    public void A_report_with_only_the_first_slot_is_accepted()
    {
        var columns = Columns.Where(c => !c.StartsWith("access_key_2_", StringComparison.Ordinal)).ToArray();
        var user = Single(Report(columns, User("one", cells: [.. Key(1, "true", "2025-01-01T00:00:00+00:00")])));

        Assert.Equal(1, Assert.Single(user.Keys).Slot);
    }

    // ---- special values ---------------------------------------------------------------------------------

    public static readonly TheoryData<string> SpecialValues = new() { "N/A", "no_information", "not_supported", "", "n/a", "NOT_SUPPORTED" };

    public static TheoryData<string, string> SpecialValueInEveryColumn()
    {
        var data = new TheoryData<string, string>();
        foreach (var column in Columns.Where(c => c is not "user" and not "arn"))
        {
            foreach (var value in new[] { "N/A", "no_information", "not_supported", "" })
            {
                data.Add(column, value);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SpecialValueInEveryColumn))]
    public void Any_special_value_in_any_column_of_a_user_with_two_keys_parses(string column, string value)
    {
        var row = User("zed", cells:
        [
            ("password_enabled", "true"),
            ("password_last_used", "2026-05-01T00:00:00+00:00"),
            ("password_last_changed", "2025-02-01T00:00:00+00:00"),
            ("password_next_rotation", "2026-08-01T00:00:00+00:00"),
            ("mfa_active", "true"),
            ("cert_1_active", "true"),
            ("cert_1_last_rotated", "2025-03-01T00:00:00+00:00"),
            .. Key(1, "true", "2025-04-01T00:00:00+00:00", "2026-05-10T00:00:00+00:00", "us-east-1", "s3"),
            .. Key(2, "true", "2025-05-01T00:00:00+00:00", "2026-05-20T00:00:00+00:00", "eu-west-1", "ec2"),
        ]);
        row[column] = value;

        var user = Single(Report(row));

        Assert.Equal("zed", user.Name);
        var key1 = user.Keys.Single(k => k.Slot == 1);
        switch (column)
        {
            case "access_key_1_active":
                Assert.Equal(KeyStatus.Inactive, key1.Status); // a special value is not "true"
                break;
            case "access_key_1_last_rotated":
                Assert.Null(key1.CreatedAt);
                Assert.True(key1.IsActive);
                break;
            case "access_key_1_last_used_date":
                Assert.Null(key1.LastUsedAt);
                Assert.Null(key1.LastUsedService); // never used: region/service describe no use
                Assert.Null(key1.LastUsedRegion);
                break;
            case "access_key_1_last_used_region":
                Assert.Null(key1.LastUsedRegion);
                Assert.Equal("s3", key1.LastUsedService);
                break;
            case "access_key_1_last_used_service":
                Assert.Null(key1.LastUsedService);
                Assert.Equal("us-east-1", key1.LastUsedRegion);
                break;
            default:
                // A column of key 2, the password or a certificate: key 1 is untouched.
                Assert.Equal(new AccessKey(null, 1, KeyStatus.Active,
                    new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero),
                    new DateTimeOffset(2026, 5, 10, 0, 0, 0, TimeSpan.Zero), "s3", "us-east-1") { LastUsedSource = LastUseSource.CredentialReport }, key1);
                break;
        }
    }

    [Theory]
    [MemberData(nameof(SpecialValues))]
    public void Special_values_in_all_key_columns_of_a_slot_mean_no_key(string value)
    {
        var user = Single(Report(User("nokeys", cells: [.. Key(1, value, value, value, value, value), .. Key(2, "false", value, value, value, value)])));

        Assert.Empty(user.Keys);
    }

    [Theory]
    [MemberData(nameof(SpecialValues))]
    public void Special_region_and_service_read_as_null(string value)
    {
        var key = Assert.Single(Single(Report(User("u", cells:
            [.. Key(1, "true", "2025-01-01T00:00:00+00:00", "2026-01-01T00:00:00+00:00", value, value)]))).Keys);

        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), key.LastUsedAt);
        Assert.Null(key.LastUsedRegion);
        Assert.Null(key.LastUsedService);
    }

    [Fact]
    public void Moto_style_report_with_not_supported_region_service_and_password_reads()
    {
        // moto: no root row, password_last_used not_supported, region/service always not_supported.
        var report = Parse(Report(User("app", cells:
        [
            ("password_last_used", "not_supported"),
            ("password_last_changed", "2025-01-01T00:00:00+00:00"),
            .. Key(1, "true", "2025-01-01T00:00:00+00:00", "2026-05-05T12:00:00+00:00", "not_supported", "not_supported"),
        ])));

        var key = Assert.Single(Assert.Single(report.Principals).Keys);
        Assert.Null(key.LastUsedRegion);
        Assert.Null(key.LastUsedService);
        Assert.Equal(new DateTimeOffset(2026, 5, 5, 12, 0, 0, TimeSpan.Zero), key.LastUsedAt);
        Assert.Equal("123456789012", report.AccountId);
    }

    // ---- booleans ---------------------------------------------------------------------------------------

    [Theory]
    [InlineData("true", KeyStatus.Active)]
    [InlineData("TRUE", KeyStatus.Active)]
    [InlineData("True", KeyStatus.Active)]
    [InlineData("tRuE", KeyStatus.Active)]
    [InlineData(" true ", KeyStatus.Active)]
    [InlineData("false", KeyStatus.Inactive)]
    [InlineData("FALSE", KeyStatus.Inactive)]
    [InlineData("False", KeyStatus.Inactive)]
    public void Booleans_in_any_case(string value, KeyStatus expected)
    {
        var key = Assert.Single(Single(Report(User("u", cells: [.. Key(1, value, "2025-01-01T00:00:00+00:00")]))).Keys);

        Assert.Equal(expected, key.Status);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("1")]
    [InlineData("Active")]
    public void A_bad_boolean_names_the_line_column_and_value(string value)
    {
        var e = ParseFails(Report(User("ok"), User("bad", cells: [.. Key(2, value, "2025-01-01T00:00:00+00:00")])));

        Assert.Equal(3, e.Line);
        Assert.Equal(Source, e.SourceName);
        Assert.StartsWith($"{Source}: line 3: ", e.Message);
        Assert.Contains("access_key_2_active", e.Message);
        Assert.Contains($"'{value}'", e.Message);
        Assert.Contains("true or false", e.Message);
    }

    // ---- dates ------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("2017-06-10T02:35:07+00:00", "2017-06-10T02:35:07.0000000Z")]
    [InlineData("2017-06-10T02:35:07Z", "2017-06-10T02:35:07.0000000Z")]
    [InlineData("2017-06-10T02:35:07.123Z", "2017-06-10T02:35:07.1230000Z")]
    [InlineData("2017-06-10T02:35:07.123456+00:00", "2017-06-10T02:35:07.1234560Z")]
    [InlineData("2017-06-10T04:35:07+02:00", "2017-06-10T02:35:07.0000000Z")]
    [InlineData("2017-06-09T21:35:07-05:00", "2017-06-10T02:35:07.0000000Z")]
    [InlineData("2017-06-10T02:35:07", "2017-06-10T02:35:07.0000000Z")] // no offset: UTC, not local time
    public void ISO_8601_dates_are_read_as_UTC_instants(string value, string expectedUtc)
    {
        var key = Assert.Single(Single(Report(User("u", cells: [.. Key(1, "true", value, value)]))).Keys);

        var expected = DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, key.CreatedAt);
        Assert.Equal(expected.UtcTicks, key.CreatedAt!.Value.UtcTicks);
        Assert.Equal(TimeSpan.Zero, key.CreatedAt.Value.Offset);
        Assert.Equal(expected, key.LastUsedAt);
    }

    [Theory]
    [InlineData("access_key_1_last_rotated", "yesterday")]
    [InlineData("access_key_1_last_used_date", "2026-13-01T00:00:00+00:00")]
    [InlineData("access_key_2_last_rotated", "2026-06-31T00:00:00+00:00")]
    [InlineData("user_creation_time", "not-a-date")]
    [InlineData("password_last_used", "never")]
    public void A_bad_date_names_the_line_column_and_value(string column, string value)
    {
        var row = User("bad", cells: [.. Key(1, "true", "2025-01-01T00:00:00+00:00", "2026-01-01T00:00:00+00:00")]);
        row[column] = value;

        var e = ParseFails(Report(User("a"), User("b"), row));

        Assert.Equal(4, e.Line);
        Assert.StartsWith($"{Source}: line 4: column {column}: ", e.Message);
        Assert.Contains($"'{value}'", e.Message);
        Assert.Contains("ISO 8601", e.Message);
    }

    [Fact]
    public void A_long_bad_value_is_truncated_in_the_message()
    {
        var value = new string('x', 200);
        var e = ParseFails(Report(User("u", cells: [.. Key(1, "true", value)])));

        Assert.Contains("'" + new string('x', 40) + "…'", e.Message);
        Assert.DoesNotContain(new string('x', 41), e.Message);
    }

    // ---- newest timestamp -------------------------------------------------------------------------------

    [Fact]
    public void NewestTimestamp_is_the_newest_date_in_any_row_or_column()
    {
        var report = Parse(Report(
            Root(cells: [("password_last_used", "2026-05-30T10:00:00+00:00")]),
            User("a", cells: [.. Key(1, "true", "2026-05-31T09:00:00+00:00")]),
            User("b", cells: [.. Key(2, "true", "2025-01-01T00:00:00+00:00", "2026-05-31T23:59:59.5+00:00")]),
            User("c", cells: [("user_creation_time", "2026-05-31T12:00:00+00:00")])));

        Assert.Equal(new DateTimeOffset(2026, 5, 31, 23, 59, 59, 500, TimeSpan.Zero), report.NewestTimestamp);
    }

    [Theory]
    [InlineData("user_creation_time")]
    [InlineData("password_last_used")]
    [InlineData("password_last_changed")]
    [InlineData("access_key_1_last_rotated")]
    [InlineData("access_key_1_last_used_date")]
    [InlineData("access_key_2_last_rotated")]
    [InlineData("access_key_2_last_used_date")]
    public void NewestTimestamp_comes_from_each_past_date_column(string column)
    {
        var row = User("u", cells: [("access_key_1_active", "true"), ("access_key_2_active", "true")]);
        row[column] = "2026-05-31T00:00:00+00:00";
        row["user_creation_time"] = column == "user_creation_time" ? row[column] : "2020-01-01T00:00:00+00:00";

        Assert.Equal(new DateTimeOffset(2026, 5, 31, 0, 0, 0, TimeSpan.Zero), Parse(Report(row)).NewestTimestamp);
    }

    [Fact]
    public void NewestTimestamp_ignores_the_future_password_next_rotation()
    {
        var report = Parse(Report(User("u", cells: [("password_next_rotation", "2030-01-01T00:00:00+00:00")])));

        Assert.Equal(Jan1, report.NewestTimestamp); // the user_creation_time default
    }

    // ---- account and partition --------------------------------------------------------------------------

    [Theory]
    [InlineData("aws", "111122223333")]
    [InlineData("aws-cn", "222233334444")]
    [InlineData("aws-us-gov", "333344445555")]
    public void Account_id_and_partition_come_from_the_ARNs(string partition, string account)
    {
        var report = Parse(Report(User("alice", account, partition), User("bob", account, partition)));

        Assert.Equal(account, report.AccountId);
        Assert.Equal(partition, report.Partition);
        Assert.Equal($"arn:{partition}:iam::{account}:user/alice", report.Principals[0].Arn);
    }

    [Fact]
    public void Account_id_comes_from_the_root_ARN_too()
    {
        var report = Parse(Report(Root("999988887777")));

        Assert.Equal("999988887777", report.AccountId);
        Assert.Equal("aws", report.Partition);
    }

    [Fact]
    public void Rows_from_two_accounts_are_rejected_at_the_first_foreign_row()
    {
        var e = ParseFails(Report(User("a", "111111111111"), User("b", "111111111111"), User("c", "222222222222")));

        Assert.Equal(4, e.Line);
        Assert.StartsWith($"{Source}: line 4: ", e.Message);
        Assert.Contains("222222222222", e.Message);
        Assert.Contains("111111111111", e.Message);
        Assert.Contains("one account", e.Message);
    }

    // ---- encoding and layout ----------------------------------------------------------------------------

    private static string Sample() => Report(
        Root(cells: [.. Key(1, "true", "2024-01-01T00:00:00+00:00")]),
        User("svc,reporting", cells: [.. Key(1, "true", "2025-01-01T00:00:00+00:00", "2026-05-01T00:00:00+00:00", "eu-central-1", "athena"), .. Key(2, "true", "2026-05-25T00:00:00+00:00")]),
        User("alice", cells: [.. Key(2, "false", "2025-06-01T00:00:00+00:00")]));

    private static void AssertSameAsSample(ParsedCredentialReport actual)
    {
        var expected = Parse(Sample());
        Assert.Equal(expected.AccountId, actual.AccountId);
        Assert.Equal(expected.Partition, actual.Partition);
        Assert.Equal(expected.NewestTimestamp, actual.NewestTimestamp);
        Assert.Equal(expected.Principals.Count, actual.Principals.Count);
        for (var i = 0; i < expected.Principals.Count; i++)
        {
            Assert.Equal(expected.Principals[i].Name, actual.Principals[i].Name);
            Assert.Equal(expected.Principals[i].Arn, actual.Principals[i].Arn);
            Assert.Equal(expected.Principals[i].IsRoot, actual.Principals[i].IsRoot);
            Assert.Equal(expected.Principals[i].Keys, actual.Principals[i].Keys);
        }
    }

    [Fact]
    public void Sample_reads_as_intended()
    {
        var report = Parse(Sample());

        Assert.Equal(["<root_account>", "svc,reporting", "alice"], report.Principals.Select(p => p.Name));
        Assert.Equal([1, 2, 0], report.Principals.Select(p => p.ActiveKeyCount));
        Assert.Equal(new DateTimeOffset(2026, 5, 25, 0, 0, 0, TimeSpan.Zero), report.NewestTimestamp);
    }

    [Fact]
    public void A_UTF8_BOM_at_the_start_of_a_string_is_ignored()
    {
        var report = Parse("\uFEFF" + Sample());

        AssertSameAsSample(report);
        Assert.Equal("<root_account>", report.Principals[0].Name);
    }

    [Fact]
    public void CRLF_line_ends_read_like_LF()
    {
        var crlf = Sample().Replace("\n", "\r\n");
        Assert.Contains("\r\n", crlf);

        AssertSameAsSample(Parse(crlf));
    }

    [Fact]
    public void Mixed_line_ends_read_like_LF()
    {
        var lines = Sample().Split('\n');
        var mixed = string.Join("\r\n", lines.Take(2)) + "\n" + string.Join("\n", lines.Skip(2));

        AssertSameAsSample(Parse(mixed));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    [InlineData("\n\n\n")]
    [InlineData("\r\n\r\n")]
    public void Missing_final_newline_and_blank_trailing_lines_are_accepted(string ending)
    {
        var content = Sample().TrimEnd('\n') + ending;

        AssertSameAsSample(Parse(content));
    }

    [Fact]
    public void Blank_lines_between_rows_are_skipped_and_later_line_numbers_stay_physical()
    {
        var lines = Report(User("a"), User("b")).TrimEnd('\n').Split('\n');
        var content = string.Join("\n", lines[0], lines[1], "", "", lines[2], "bad,row") + "\n";

        var e = ParseFails(content);

        Assert.Equal(6, e.Line);
    }

    [Fact]
    public void Quoted_fields_with_commas_and_doubled_quotes_in_user_names()
    {
        var report = Parse(Report(
            User("svc,reporting"),
            User("say \"hi\", ok"),
            User("plain")));

        Assert.Equal(["svc,reporting", "say \"hi\", ok", "plain"], report.Principals.Select(p => p.Name));
        Assert.Equal("arn:aws:iam::123456789012:user/svc,reporting", report.Principals[0].Arn);
    }

    [Fact]
    public void Quoted_user_name_written_by_hand_is_unquoted()
    {
        var header = string.Join(",", Columns);
        var row = "\"a,b\",\"arn:aws:iam::123456789012:user/a,b\",2025-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,"
            + "\"true\",2025-01-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A";

        var user = Single(header + "\n" + row);

        Assert.Equal("a,b", user.Name);
        Assert.Equal(KeyStatus.Active, Assert.Single(user.Keys).Status);
    }

    public static TheoryData<string> ExtraColumnPositions() => new() { "start", "middle", "end", "everywhere" };

    [Theory]
    [MemberData(nameof(ExtraColumnPositions))]
    public void Unknown_extra_columns_anywhere_are_ignored(string where)
    {
        var columns = Columns.ToList();
        if (where is "start" or "everywhere")
        {
            columns.Insert(0, "new_column_a");
        }

        if (where is "middle" or "everywhere")
        {
            columns.Insert(columns.IndexOf("access_key_1_last_used_date"), "access_key_1_last_used_resource");
            columns.Insert(columns.IndexOf("access_key_2_active"), "access_key_1_something_else");
        }

        if (where is "end" or "everywhere")
        {
            columns.Add("password_last_used_region");
            columns.Add("z_last");
        }

        var rows = Parse(Sample()).Principals.Count;
        var report = Parse(Report(columns, SampleRows(extra: "true,N/A,\"x\"\"y\"")));

        Assert.Equal(rows, report.Principals.Count);
        AssertSameAsSample(report);
    }

    private static Dictionary<string, string>[] SampleRows(string extra)
    {
        Dictionary<string, string>[] rows =
        [
            Root(cells: [.. Key(1, "true", "2024-01-01T00:00:00+00:00")]),
            User("svc,reporting", cells: [.. Key(1, "true", "2025-01-01T00:00:00+00:00", "2026-05-01T00:00:00+00:00", "eu-central-1", "athena"), .. Key(2, "true", "2026-05-25T00:00:00+00:00")]),
            User("alice", cells: [.. Key(2, "false", "2025-06-01T00:00:00+00:00")]),
        ];
        foreach (var row in rows)
        {
            // Values an unknown column might hold, including ones the known columns would reject.
            row["new_column_a"] = extra;
            row["access_key_1_last_used_resource"] = "maybe";
            row["access_key_1_something_else"] = "2026-99-99";
            row["password_last_used_region"] = "";
            row["z_last"] = "last";
        }

        return rows;
    }

    [Fact]
    public void Columns_in_a_different_order_are_found_by_header_name()
    {
        var reversed = Enumerable.Reverse(Columns).ToArray();
        var shuffled = Columns.OrderBy(c => c.Length).ThenByDescending(c => c, StringComparer.Ordinal).ToArray();

        AssertSameAsSample(Parse(Report(reversed, SampleRows("x"))));
        AssertSameAsSample(Parse(Report(shuffled, SampleRows("x"))));
    }

    [Fact]
    public void Header_names_match_case_insensitively_and_ignore_surrounding_spaces()
    {
        var header = Columns.Select(c => c == "user" ? " USER " : c == "access_key_1_active" ? "Access_Key_1_Active" : c).ToArray();
        var content = Report(SampleRows("x")).Split('\n', 2)[1];

        AssertSameAsSample(Parse(string.Join(",", header) + "\n" + content));
    }

    // ---- malformed input --------------------------------------------------------------------------------

    [Theory]
    [InlineData("name,age,email\nbob,42,bob@example.com\n")]
    [InlineData("Date,Description,Amount\r\n2026-01-01,Coffee,3.50\r\n")]
    [InlineData("just some text\n")]
    [InlineData("<html><body>hello</body></html>\n")]
    public void A_CSV_that_is_not_a_credential_report_is_rejected_at_line_1(string content)
    {
        var e = ParseFails(content);

        Assert.Equal(1, e.Line);
        Assert.StartsWith($"{Source}: line 1: not an IAM credential report: missing column(s) ", e.Message);
        Assert.Contains("user", e.Problem);
        Assert.Contains("arn", e.Problem);
        Assert.Contains("access_key_1_active", e.Problem);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData("user")]
    [InlineData("arn")]
    [InlineData("access_key_1_last_rotated")]
    [InlineData("access_key_2_last_used_date")]
    public void A_missing_required_column_is_named(string column)
    {
        var columns = Columns.Where(c => c != column).ToArray();

        var e = ParseFails(Report(columns, User("a")));

        Assert.Equal(1, e.Line);
        Assert.Equal($"not an IAM credential report: missing column(s) {column}", e.Problem);
    }

    [Fact]
    public void A_report_without_any_key_columns_is_rejected()
    {
        var columns = Columns.Where(c => !c.StartsWith("access_key_", StringComparison.Ordinal)).ToArray();

        var e = ParseFails(Report(columns, User("a")));

        Assert.Contains("access_key_1_active", e.Problem);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    [InlineData("\r\n\r\n\n")]
    public void An_empty_input_is_rejected(string content)
    {
        var e = ParseFails(content);

        Assert.Null(e.Line);
        Assert.StartsWith($"{Source}: ", e.Message);
        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public void NUL_bytes_are_rejected_as_binary()
    {
        var e = ParseFails("\0\0\0\u0001\u0002binary");

        Assert.Equal(1, e.Line);
        Assert.StartsWith($"{Source}: line 1: ", e.Message);
        Assert.Contains("binary", e.Message);
    }

    [Fact]
    public void A_NUL_byte_in_a_data_row_is_reported_on_its_line()
    {
        var content = Report(User("a"), User("b"), User("c\0d"));

        var e = ParseFails(content);

        Assert.Equal(4, e.Line);
        Assert.Contains("binary", e.Problem);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(+1)]
    [InlineData(-21)]
    public void A_row_with_the_wrong_number_of_fields_names_its_line_and_counts(int delta)
    {
        var good = Report(User("a"), User("b")).TrimEnd('\n');
        var fields = Report(User("c")).TrimEnd('\n').Split('\n')[1].Split(',').ToList();
        if (delta < 0)
        {
            fields.RemoveRange(fields.Count + delta, -delta);
        }
        else
        {
            fields.Add("extra");
        }

        var e = ParseFails(good + "\n" + string.Join(",", fields) + "\n" + Report(User("d")).Split('\n')[1]);

        Assert.Equal(4, e.Line);
        Assert.Equal($"{Source}: line 4: has {22 + delta} fields but the header has 22", e.Message);
    }

    [Fact]
    public void Line_numbers_count_physical_lines_when_an_earlier_quoted_field_spans_lines()
    {
        // Line 2-4: a user name with two embedded newlines (quoted); line 5: a good row; line 6: a short row.
        var content = Report(User("multi\nline\nname", cells: [("arn", "arn:aws:iam::123456789012:user/multi")]), User("ok")) + "short,row\n";

        var e = ParseFails(content);

        Assert.Equal(6, e.Line);
        Assert.StartsWith($"{Source}: line 6: has 2 fields", e.Message);
    }

    [Fact]
    public void Line_numbers_count_physical_lines_with_CRLF_and_a_quoted_field_spanning_lines()
    {
        var content = Report(Columns, "\r\n", User("multi\r\nline", cells: [("arn", "arn:aws:iam::123456789012:user/multi")]), User("ok")) + "short,row\r\n";

        Assert.Equal(5, ParseFails(content).Line);
    }

    [Fact]
    public void An_unclosed_quote_is_reported_at_the_line_its_record_starts()
    {
        var content = Report(User("a")) + "\"unclosed,arn:aws:iam::123456789012:user/x\n,more\n";

        var e = ParseFails(content);

        Assert.Equal(3, e.Line);
        Assert.StartsWith($"{Source}: line 3: ", e.Message);
        Assert.Contains("quoted field is not closed", e.Message);
    }

    [Theory]
    [InlineData("bo\"b")]
    [InlineData("\"bob\"x")]
    public void Stray_quotes_are_rejected_with_the_line(string userCell)
    {
        var row = Report(User("PLACEHOLDER")).Split('\n')[1].Replace("PLACEHOLDER,", userCell + ",", StringComparison.Ordinal);
        var content = Report(User("a")) + row + "\n";

        var e = ParseFails(content);

        Assert.Equal(3, e.Line);
        Assert.Contains("quote", e.Problem);
    }

    [Fact]
    public void An_empty_user_name_is_rejected()
    {
        var e = ParseFails(Report(User("a"), User("")));

        Assert.Equal(3, e.Line);
        Assert.Contains("column user", e.Problem);
    }

    [Fact]
    public void Error_messages_are_one_line()
    {
        var e = ParseFails(Report(User("u", cells: [("access_key_1_active", "ma\r\nybe")])));

        Assert.DoesNotContain('\n', e.Message);
        Assert.DoesNotContain('\r', e.Message);
        Assert.Contains("'ma\\u000d\\u000aybe'", e.Message);
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void Parse_reads_from_a_TextReader_too()
    {
        using var reader = new StringReader(Sample());

        AssertSameAsSample(CredentialReportParser.Parse(reader, Source));
    }
}

using System.Xml.Linq;
using KeyWarden.Cli;
using KeyWarden.Remediation;

namespace KeyWarden.Tests.Cli;

public class VerifyJUnitWriterTests
{
    [Fact]
    public void One_test_case_per_user_one_suite_per_account_a_failure_when_not_passed()
    {
        VerifyResult[] results =
        [
            new("111122223333", "alice", "AKIAKEEP", ["AKIAKEEP"], true, "only the kept key is Active"),
            new("111122223333", "bob\u0001", null, ["AKIAB1", "AKIAB2"], false, "2 keys are Active (not in the plan: audit and plan this user)") { Planned = false },
            new("444455556666", "carol", "AKIAC", [], false, "could not verify: AccessDenied"),
        ];
        var output = new StringWriter();

        VerifyJUnitWriter.Write(results, TestData.AsOf, output);

        var xml = XDocument.Parse(output.ToString());
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", output.ToString());
        var root = xml.Root!;
        Assert.Equal("testsuites", root.Name.LocalName);
        Assert.Equal("3", root.Attribute("tests")!.Value);
        Assert.Equal("2", root.Attribute("failures")!.Value);
        var suites = root.Elements("testsuite").ToList();
        Assert.Equal(["111122223333", "444455556666"], suites.Select(s => s.Attribute("name")!.Value));
        var cases = root.Descendants("testcase").ToList();
        Assert.Equal(["alice", "bob\uFFFD", "carol"], cases.Select(c => c.Attribute("name")!.Value));
        Assert.Null(cases[0].Element("failure"));
        Assert.Equal("MoreThanOneActiveKey", cases[1].Element("failure")!.Attribute("type")!.Value);
        Assert.Contains("AKIAB1, AKIAB2", cases[1].Element("failure")!.Value);
        Assert.Equal("NotVerified", cases[2].Element("failure")!.Attribute("type")!.Value);
        Assert.Equal("could not verify: AccessDenied", cases[2].Element("failure")!.Attribute("message")!.Value);
    }
}

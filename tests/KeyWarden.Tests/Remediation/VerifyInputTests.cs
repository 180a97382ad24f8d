using KeyWarden.Remediation;

namespace KeyWarden.Tests.Remediation;

public class VerifyInputTests : TempDirTest
{
    private string Write(string name, string text)
    {
        var path = PathOf(name);
        File.WriteAllText(path, text);
        return path;
    }

    [Theory]
    [InlineData("plan.json", "{\n  \"schemaVersion\": 1,\n  \"kind\": \"keywarden-remediation-plan\"\n}\n", true)]
    [InlineData("plan.jsonl", "{\"kind\":\"keywarden-remediation-plan\"}", true)]
    [InlineData("report.json", "{\"kind\":\"something-else\"}", true)] // the plan reader then says it is not a plan
    [InlineData("plan.json", "{\n  \"schemaVersion\": 1,\n  \"kind\": \"keywarden-remediation-pl", true)] // truncated plan: the plan reader's error
    [InlineData("j.json", "{\"type\":\"started\",\"planId\":\"p\",\"at\":\"2026-11-28T09:00:00Z\",\"reason\":\"keywarden-remediation-plan\"}\n", false)]
    [InlineData("j.json", "{\"type\":\"started\",\"planId\":\"p\",\"at\":\"t\"}\n{\"type\":\"finished\",\"planId\":\"p\",\"at\":\"t\"}\n", false)]
    [InlineData("j.jsonl", "garbage\n{\"type\":\"started\"}\n", false)] // a journal with a bad first line: the journal reader's error
    [InlineData("j.json", "", false)]
    public void Plan_or_journal_is_decided_by_parsing(string name, string text, bool isPlan) =>
        Assert.Equal(isPlan, VerifyInput.IsPlan(Write(name, text)));
}

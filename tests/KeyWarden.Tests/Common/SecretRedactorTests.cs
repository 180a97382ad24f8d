using KeyWarden.Common;

namespace KeyWarden.Tests.Common;

public sealed class SecretRedactorTests
{
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string Token = "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ+token=";

    [Fact]
    public void Removes_every_known_secret_wherever_it_appears()
    {
        var redactor = new SecretRedactor();
        redactor.Add(Secret);
        redactor.Add(Token);

        var text = redactor.Redact($"denied; you sent X-Amz-Security-Token={Token}; key {Secret} and again {Secret}");

        Assert.DoesNotContain(Secret, text);
        Assert.DoesNotContain(Token, text);
        Assert.Equal($"denied; you sent X-Amz-Security-Token={SecretRedactor.Mask}; key {SecretRedactor.Mask} and again {SecretRedactor.Mask}", text);
    }

    [Fact]
    public void Removes_the_json_html_and_url_encoded_spellings_too()
    {
        var redactor = new SecretRedactor();
        redactor.Add(Secret);

        foreach (var spelling in new[]
                 {
                     System.Text.Encodings.Web.JavaScriptEncoder.Default.Encode(Secret),
                     System.Text.Encodings.Web.HtmlEncoder.Default.Encode(Secret),
                     Uri.EscapeDataString(Secret),
                 })
        {
            Assert.NotEqual(Secret, spelling); // each spelling differs from the raw value ('+' and '/')
            Assert.Equal($"<{SecretRedactor.Mask}>", redactor.Redact($"<{spelling}>"));
        }
    }

    [Fact]
    public void Short_or_blank_values_are_not_taken_as_secrets()
    {
        var redactor = new SecretRedactor();
        redactor.Add("test");
        redactor.Add("  ");
        redactor.Add(null);

        Assert.Equal("test the tester", redactor.Redact("test the tester"));
    }

    [Fact]
    public void A_profile_line_the_sdk_quotes_is_cut_to_its_number()
    {
        var text = new SecretRedactor().Redact("unexpected InvalidDataException: Line 3:<aws_secret_access_key: NOT-YET-KNOWN-SECRET>");

        Assert.Equal("unexpected InvalidDataException: Line 3:<line text not shown>", text);
    }

    [Fact]
    public void A_secret_written_in_pieces_is_still_removed_by_the_writer()
    {
        var redactor = new SecretRedactor();
        redactor.Add(Token);
        var inner = new StringWriter();
        using (var writer = new SecretRedactorTextWriter(inner, redactor))
        {
            writer.Write("token: ");
            writer.Write(Token[..10]);
            foreach (var c in Token[10..]) writer.Write(c);
            writer.WriteLine();
            writer.Write("tail " + Token);
        }

        Assert.Equal($"token: {SecretRedactor.Mask}{Environment.NewLine}tail {SecretRedactor.Mask}", inner.ToString());
    }

    [Fact]
    public async Task A_registered_secret_never_reaches_the_cli_error_line()
    {
        // Through the CLI: an offline audit of a file that does not exist fails with its name in the message;
        // the file name carries a value registered as a secret, and the message must not show it.
        var marker = "kw-planted-" + Guid.NewGuid().ToString("N");
        SecretRedactor.Process.Add(marker);
        var result = await Cli.CliRunner.RunAsync("audit", "--credential-report", $"/nonexistent/{marker}.csv");

        Assert.NotEqual(0, result.ExitCode);
        Assert.DoesNotContain(marker, result.Stderr + result.Stdout);
        Assert.Contains(SecretRedactor.Mask, result.Stderr);
    }
}

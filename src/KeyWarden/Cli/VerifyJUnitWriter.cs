using System.Globalization;
using System.Text;
using System.Xml;
using KeyWarden.Remediation;

namespace KeyWarden.Cli;

/// <summary>
/// verify's results as JUnit XML, for the CI job that runs the confirmation after an apply: one &lt;testsuite&gt;
/// per account, one &lt;testcase&gt; per verified user, a &lt;failure&gt; (with the detail) when the user did not pass.
/// </summary>
internal static class VerifyJUnitWriter
{
    public static void Write(IReadOnlyList<VerifyResult> results, DateTimeOffset timestamp, TextWriter output)
    {
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        var buffer = new StringBuilder();
        using (var xml = XmlWriter.Create(new StringWriter(buffer, CultureInfo.InvariantCulture), settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", "keywarden verify");
            WriteCounts(xml, results);
            xml.WriteAttributeString("timestamp", Reports.Timestamps.Format(timestamp));
            foreach (var account in results.GroupBy(r => r.AccountId, StringComparer.Ordinal))
            {
                xml.WriteStartElement("testsuite");
                xml.WriteAttributeString("name", Clean(account.Key));
                WriteCounts(xml, account.ToList());
                foreach (var result in account)
                {
                    xml.WriteStartElement("testcase");
                    xml.WriteAttributeString("name", Clean(result.User));
                    xml.WriteAttributeString("classname", Clean(account.Key));
                    if (!result.Passed)
                    {
                        xml.WriteStartElement("failure");
                        xml.WriteAttributeString("message", Clean(result.Detail));
                        xml.WriteAttributeString("type", result.MoreThanOneActiveKey ? "MoreThanOneActiveKey" : "NotVerified");
                        xml.WriteString(Clean(Body(result)));
                        xml.WriteEndElement();
                    }
                    else
                    {
                        xml.WriteElementString("system-out", Clean(Body(result)));
                    }

                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        // XmlWriter declares utf-16 when writing to a StringBuilder; the output is UTF-8.
        output.Write(buffer.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal));
        output.Write('\n');
    }

    private static void WriteCounts(XmlWriter xml, IReadOnlyList<VerifyResult> results)
    {
        xml.WriteAttributeString("tests", results.Count.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("failures", results.Count(r => !r.Passed).ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("errors", "0");
    }

    private static string Body(VerifyResult result) =>
        $"{result.Detail}\nkept key: {result.KeepKey ?? "-"}\nactive keys: {(result.ActiveKeys.Count == 0 ? "none" : string.Join(", ", result.ActiveKeys))}";

    // Plan and journal text is data: a character XML cannot carry becomes U+FFFD instead of an exception.
    private static string Clean(string text) =>
        text.Any(ch => !XmlConvert.IsXmlChar(ch) && !char.IsSurrogate(ch))
            ? new string(text.Select(ch => XmlConvert.IsXmlChar(ch) || char.IsSurrogate(ch) ? ch : '\uFFFD').ToArray())
            : text;
}

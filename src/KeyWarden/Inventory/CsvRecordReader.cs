using System.Text;

namespace KeyWarden.Inventory;

/// <summary>
/// A small RFC 4180 reader: quoted fields (user names may contain commas), doubled quotes,
/// CRLF or LF, no final newline. Reports the physical line each record starts on, for error messages.
/// It streams: one record is held at a time, and a record is refused as soon as it passes a bound
/// (<see cref="MaxFieldLength"/>, <see cref="MaxRecordLength"/>, <see cref="MaxFieldsPerRecord"/>), so a header followed by
/// 100 MB of commas is refused after 256 fields rather than after 1.8 GiB of empty strings.
/// </summary>
internal sealed class CsvRecordReader(TextReader reader, string sourceName, long maxTotalLength = CsvRecordReader.MaxTotalLength)
{
    /// <summary>Characters in one field: the longest real cell is an ARN (at most 2,048); 64 Ki leaves room.</summary>
    public const int MaxFieldLength = 64 * 1024;

    /// <summary>Characters in one record (all its fields and separators): 1 Mi.</summary>
    public const int MaxRecordLength = 1024 * 1024;

    /// <summary>Fields in one record: a credential report has 22 columns today; 256 leaves room for what AWS adds.</summary>
    public const int MaxFieldsPerRecord = 256;

    /// <summary>
    /// Characters in the whole input: 128 Mi, room for the 250,000-row bound at about 500 characters a row. With the row bound of
    /// the parser this keeps what is held (one principal per row) proportional to a real report.
    /// </summary>
    public const int MaxTotalLength = 128 * 1024 * 1024;

    private int _line = 1;
    private long _total;

    /// <summary>Reads the next record, or null at end of input. Blank lines are skipped.</summary>
    public (int Line, List<string> Fields)? Next()
    {
        while (true)
        {
            if (reader.Peek() < 0)
            {
                return null;
            }

            var startLine = _line;
            var fields = ReadRecord();
            if (fields.Count == 1 && fields[0].Length == 0)
            {
                continue; // blank line
            }

            return (startLine, fields);
        }
    }

    private List<string> ReadRecord()
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var fieldWasQuoted = false;
        var recordStartLine = _line;
        var recordLength = 0;

        void AddField()
        {
            if (fields.Count == MaxFieldsPerRecord)
            {
                throw new CredentialReportFormatException(sourceName, recordStartLine,
                    $"has more than {MaxFieldsPerRecord} fields; not a credential report");
            }

            fields.Add(field.ToString());
            field.Clear();
        }

        while (true)
        {
            var c = reader.Read();
            if (c >= 0 && ++_total > maxTotalLength)
            {
                throw new CredentialReportFormatException(sourceName, recordStartLine,
                    $"the input is longer than {Describe(maxTotalLength)} characters; not a credential report");
            }

            if (c >= 0 && ++recordLength > MaxRecordLength)
            {
                throw new CredentialReportFormatException(sourceName, recordStartLine,
                    $"a record is longer than {MaxRecordLength / 1024 / 1024} Mi characters; not a credential report");
            }

            if (field.Length > MaxFieldLength)
            {
                throw new CredentialReportFormatException(sourceName, recordStartLine,
                    $"a field is longer than {MaxFieldLength / 1024} Ki characters; not a credential report");
            }

            if (c < 0)
            {
                if (inQuotes)
                {
                    throw new CredentialReportFormatException(sourceName, recordStartLine, "a quoted field is not closed before the end of the file");
                }

                AddField();
                return fields;
            }

            var ch = (char)c;
            if (ch == '\0')
            {
                throw new CredentialReportFormatException(sourceName, _line, "contains binary data (NUL byte); not a CSV credential report");
            }

            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        _line++;
                    }

                    field.Append(ch);
                }

                continue;
            }

            switch (ch)
            {
                case '"' when field.Length == 0 && !fieldWasQuoted:
                    inQuotes = true;
                    fieldWasQuoted = true;
                    break;
                case '"':
                    throw new CredentialReportFormatException(sourceName, _line, "a quote appears inside an unquoted field");
                case ',':
                    AddField();
                    fieldWasQuoted = false;
                    break;
                case '\r':
                    if (reader.Peek() == '\n')
                    {
                        reader.Read();
                    }

                    _line++;
                    AddField();
                    return fields;
                case '\n':
                    _line++;
                    AddField();
                    return fields;
                default:
                    if (fieldWasQuoted)
                    {
                        throw new CredentialReportFormatException(sourceName, _line, "text follows a closing quote");
                    }

                    field.Append(ch);
                    break;
            }
        }
    }

    private static string Describe(long length) =>
        length % (1024 * 1024) == 0 ? $"{length / 1024 / 1024} Mi" : length.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

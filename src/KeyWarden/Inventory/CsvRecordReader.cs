using System.Text;

namespace KeyWarden.Inventory;

/// <summary>
/// A small RFC 4180 reader: quoted fields (user names may contain commas), doubled quotes,
/// CRLF or LF, no final newline. Reports the physical line each record starts on, for error messages.
/// </summary>
internal sealed class CsvRecordReader(TextReader reader, string sourceName)
{
    private int _line = 1;

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

        while (true)
        {
            var c = reader.Read();
            if (c < 0)
            {
                if (inQuotes)
                {
                    throw new CredentialReportFormatException(sourceName, recordStartLine, "a quoted field is not closed before the end of the file");
                }

                fields.Add(field.ToString());
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
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldWasQuoted = false;
                    break;
                case '\r':
                    if (reader.Peek() == '\n')
                    {
                        reader.Read();
                    }

                    _line++;
                    fields.Add(field.ToString());
                    return fields;
                case '\n':
                    _line++;
                    fields.Add(field.ToString());
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
}

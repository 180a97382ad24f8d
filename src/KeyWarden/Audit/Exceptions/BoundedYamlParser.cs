using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace KeyWarden.Audit.Exceptions;

/// <summary>
/// Sits between YamlDotNet's parser and the representation model and refuses, as soon as the event is read, what an
/// exceptions file never needs and a hostile one uses: nesting deeper than <see cref="MaxDepth"/> (the model is built
/// recursively, so 100,000 levels overflowed the stack and killed the process), anchors and aliases (billion laughs,
/// self-references), and explicit tags (<c>!!binary</c>, <c>!!int</c>, custom ones) that would change what a value means.
/// The config file (Cli/Configuration) reads through it too: it passes what its documents are called and how it words
/// a position (FILE:LINE), so each file's errors read like the rest of that file's.
/// </summary>
internal sealed class BoundedYamlParser(
    IParser inner,
    string fileName,
    string documentKind = "an exceptions file",
    string shape = "an exceptions file is a list of flat entries",
    Func<long?, string, Exception>? refuse = null) : IParser
{
    /// <summary>An exceptions file nests three levels (top mapping, list, entry); 32 leaves room and bounds the recursion.</summary>
    public const int MaxDepth = 32;

    private int _depth;

    public ParsingEvent? Current => inner.Current;

    /// <summary>The line of the last event read, for an error the library throws without a position.</summary>
    public long? LastLine { get; private set; }

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }

        LastLine = inner.Current?.Start.Line;

        switch (inner.Current)
        {
            case AnchorAlias alias:
                throw Refuse(alias, $"alias '*{alias.Value}': anchors and aliases are not supported in {documentKind}; write each entry out");
            case NodeEvent { Anchor.IsEmpty: false } node:
                throw Refuse(node, $"anchor '&{node.Anchor}': anchors and aliases are not supported in {documentKind}; write each entry out");
            case NodeEvent { Tag.IsEmpty: false } node when !IsPlainTag(node.Tag.Value):
                throw Refuse(node, $"tag '{node.Tag.Value}': YAML tags are not supported in {documentKind}; write the value as text");
            case MappingStart or SequenceStart when ++_depth > MaxDepth:
                throw Refuse(inner.Current, $"nested more than {MaxDepth} levels deep; {shape}");
            case MappingEnd or SequenceEnd:
                _depth--;
                break;
        }

        return true;
    }

    // "!" is the non-specific tag a quoted scalar may carry; the core str/map/seq tags say nothing new.
    private static bool IsPlainTag(string tag) =>
        tag is "!" or "tag:yaml.org,2002:str" or "tag:yaml.org,2002:map" or "tag:yaml.org,2002:seq";

    private Exception Refuse(ParsingEvent parsingEvent, string problem) =>
        refuse is not null
            ? refuse(parsingEvent.Start.Line > 0 ? parsingEvent.Start.Line : null, problem)
            : new ExceptionFileException(parsingEvent.Start.Line > 0 ? $"{fileName}: line {parsingEvent.Start.Line}: {problem}" : $"{fileName}: {problem}");
}

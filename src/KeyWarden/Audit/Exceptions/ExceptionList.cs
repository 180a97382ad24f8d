namespace KeyWarden.Audit.Exceptions;

/// <summary>The entries of one exceptions file, in file order (the first unexpired match mutes a finding).</summary>
public sealed record ExceptionList(string Source, IReadOnlyList<ExceptionEntry> Entries);

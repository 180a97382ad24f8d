namespace KeyWarden.Audit.Exceptions;

/// <summary>An exceptions file that cannot be used; the message is one line naming the file and the problem.</summary>
public sealed class ExceptionFileException(string message, Exception? inner = null) : Exception(message, inner);

namespace KeyWarden.Cli.Configuration;

/// <summary>A config file that cannot be used; the message is one line, FILE:LINE: problem.</summary>
internal sealed class ConfigFileException(string message, Exception? inner = null) : Exception(message, inner);

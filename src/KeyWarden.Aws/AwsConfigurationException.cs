namespace KeyWarden.Aws;

/// <summary>The AWS settings given to the tool cannot work (bad endpoint URL, profile without credentials…).</summary>
public class AwsConfigurationException : Exception
{
    public AwsConfigurationException(string message) : base(message) { }

    public AwsConfigurationException(string message, Exception innerException) : base(message, innerException) { }
}

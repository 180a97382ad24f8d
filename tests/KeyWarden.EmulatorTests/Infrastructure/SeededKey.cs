namespace KeyWarden.EmulatorTests.Infrastructure;

/// <summary>A key created by <see cref="MotoSeeder"/>.</summary>
public sealed record SeededKey(string UserName, MotoCredentials Credentials, KeyState State)
{
    public string AccessKeyId => Credentials.AccessKeyId;
}

namespace KeyWarden.EmulatorTests.Infrastructure;

/// <summary>A user created by <see cref="MotoSeeder"/>, with its keys in creation order.</summary>
public sealed record SeededUser(string UserName, string Arn, IReadOnlyList<SeededKey> Keys);

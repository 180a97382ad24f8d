namespace KeyWarden.EmulatorTests.Infrastructure;

public enum KeyState
{
    Active,
    Inactive,
}

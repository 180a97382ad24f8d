namespace KeyWarden.Aws; internal static class Placeholder {}

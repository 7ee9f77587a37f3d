namespace WireScim.Scim
{
    internal sealed class NullTraceSink : ITraceSink
    {
        public static readonly NullTraceSink Instance = new NullTraceSink();
        public void Debug(string message) { }
        public void Verbose(string message) { }
        public void Warning(string message) { }
    }
}

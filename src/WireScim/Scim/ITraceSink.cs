namespace WireScim.Scim
{
    /// <summary>
    /// Receives diagnostic lines (already free of secrets) from any thread. Implementations queue them for the
    /// pipeline thread, the only one that may write to PowerShell's streams.
    /// </summary>
    internal interface ITraceSink
    {
        /// <summary>Request-level detail for -Debug.</summary>
        void Debug(string message);

        /// <summary>What the engine decided, e.g. waiting for a throttled path, for -Verbose.</summary>
        void Verbose(string message);

        /// <summary>Something the admin should notice although the command goes on.</summary>
        void Warning(string message);
    }
}

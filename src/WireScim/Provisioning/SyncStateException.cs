using System;

namespace WireScim.Provisioning
{
    /// <summary>The state file cannot be used: in use, unreadable, damaged, not writable, or made for another instance.</summary>
    internal sealed class SyncStateException : Exception
    {
        public SyncStateException(string errorId, string path, string message, Exception? inner = null) : base(message, inner)
        {
            ErrorId = errorId;
            Path = path;
        }

        /// <summary>WireScim.StateInUse, WireScim.StateUnreadable, WireScim.StateDamaged, WireScim.StateNotWritable, WireScim.StateOtherInstance.</summary>
        public string ErrorId { get; }
        public string Path { get; }
    }
}

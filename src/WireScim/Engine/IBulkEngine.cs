using System;

namespace WireScim.Engine
{
    /// <summary>What a cmdlet base needs of its engine whatever the session type: finish, cancel, dispose.</summary>
    internal interface IBulkEngine : IDisposable
    {
        /// <summary>Pipeline thread only: waits for all work and writes the rest of its output.</summary>
        void Finish();

        /// <summary>Pipeline thread only: counts an input that failed before reaching a worker, for progress.</summary>
        void CountRejected();

        /// <summary>Any thread: cancels every request and wait.</summary>
        void Cancel();
    }
}

using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using WireScim.Scim;

namespace WireScim.Provisioning
{
    /// <summary>Something a worker hands back to the pipeline thread: a finished item, or a trace line.</summary>
    internal sealed class BulkEvent
    {
        public object? State { get; init; }
        public object? Result { get; init; }
        public Exception? Error { get; init; }
        public string? Trace { get; init; }
        public bool IsCompletion => Trace == null;
    }

    /// <summary>
    /// Runs work items with at most N in flight and queues what they produce, so that only the pipeline
    /// thread, draining the queue, ever writes to PowerShell. Cancelling stops requests and waits at once.
    /// </summary>
    internal sealed class BulkRunner : ITraceSink, IDisposable
    {
        private readonly SemaphoreSlim _slots;
        private readonly CancellationTokenSource _cancellation;
        private readonly BlockingCollection<BulkEvent> _events = new BlockingCollection<BulkEvent>();
        private int _pending;

        public BulkRunner(int throttleLimit, CancellationToken cancellationToken = default)
        {
            ThrottleLimit = Math.Max(1, throttleLimit);
            _slots = new SemaphoreSlim(ThrottleLimit);
            _cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        }

        public int ThrottleLimit { get; }
        public CancellationToken Token => _cancellation.Token;

        /// <summary>Items added and not yet reported back.</summary>
        public int Pending => Volatile.Read(ref _pending);

        public bool TraceEnabled { get; set; }

        public void Add(object? state, Func<CancellationToken, Task<object?>> work)
        {
            Interlocked.Increment(ref _pending);
            Task.Run(async () =>
            {
                BulkEvent outcome;
                try
                {
                    await _slots.WaitAsync(Token).ConfigureAwait(false);
                    try
                    {
                        outcome = new BulkEvent { State = state, Result = await work(Token).ConfigureAwait(false) };
                    }
                    finally
                    {
                        _slots.Release();
                    }
                }
                catch (Exception error)
                {
                    outcome = new BulkEvent { State = state, Error = error };
                }
                _events.Add(outcome);
            });
        }

        /// <summary>Next event, waiting at most <paramref name="wait"/>. Completions decrement Pending when taken.</summary>
        public bool TryTake(out BulkEvent? next, TimeSpan wait)
        {
            if (!_events.TryTake(out next, wait)) return false;
            if (next.IsCompletion) Interlocked.Decrement(ref _pending);
            return true;
        }

        public void Debug(string message)
        {
            if (TraceEnabled) _events.Add(new BulkEvent { Trace = message });
        }

        public void Cancel()
        {
            try { _cancellation.Cancel(); } catch (ObjectDisposedException) { }
        }

        public void Dispose()
        {
            Cancel();
            _cancellation.Dispose();
        }
    }
}

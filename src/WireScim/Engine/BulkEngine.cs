using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using WireScim.Commands;
using WireScim.Scim;

namespace WireScim.Engine
{
    /// <summary>
    /// Runs a cmdlet's work items on up to ThrottleLimit workers and writes what they produce on the pipeline thread.
    /// The cmdlet owns one engine and reaches it only from the pipeline thread (ProcessRecord, EndProcessing); work
    /// items see only the session (built here, on the pipeline thread, from the connection) and a cancellation token.
    /// Results are handed to each item's continuation in completion order, not input order.
    /// </summary>
    /// <typeparam name="TSession">What work items use to reach Wire, e.g. <see cref="Provisioning.UserSession"/>.</typeparam>
    internal sealed class BulkEngine<TSession> : IBulkEngine, ITraceSink
    {
        /// <summary>
        /// 16 keeps even a slow link (100 ms round trips) at Wire Cloud's nginz limit of 50 requests/s per path,
        /// which the client-side rate limit enforces; on self-hosted instances without that limit it gives over
        /// 10 times the throughput of one request at a time.
        /// </summary>
        public const int DefaultThrottleLimit = 16;
        public const int MaxThrottleLimit = 64;

        private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);
        private readonly PSCmdlet _cmdlet;
        private readonly string _activity;
        private readonly SemaphoreSlim _slots;
        private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();
        private readonly BlockingCollection<EngineEvent> _events = new BlockingCollection<EngineEvent>();
        // One count for the engine itself plus one per running worker, so Dispose can wait for workers to end.
        private readonly CountdownEvent _running = new CountdownEvent(1);
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly bool _debug;
        private long _lastProgress;
        private int _pending;
        private int _added;
        private int _done;
        private int _failed;
        private bool _disposed;

        /// <param name="openSession">Called once, here on the pipeline thread, with this engine as the trace sink.</param>
        public BulkEngine(PSCmdlet cmdlet, string activity, int throttleLimit, Func<ITraceSink, TSession> openSession)
        {
            _cmdlet = cmdlet;
            _activity = activity;
            ThrottleLimit = Math.Max(1, throttleLimit);
            _slots = new SemaphoreSlim(ThrottleLimit);
            _debug = IsDebugEnabled(cmdlet);
            Session = openSession(this);
        }

        public int ThrottleLimit { get; }

        /// <summary>The session work items receive. Read it only on the pipeline thread (to hand it to a helper).</summary>
        public TSession Session { get; }

        public CancellationToken Token => _cancellation.Token;

        /// <summary>Queues one work item: <paramref name="run"/> on a worker, then <paramref name="completed"/> on the pipeline thread.</summary>
        /// <param name="failed">Replaces the default handling of a failure (a non-terminating error naming the row).</param>
        public void Enqueue<TResult>(WorkState state, Func<TSession, CancellationToken, Task<TResult>> run, Action<TResult> completed, Action<Exception>? failed = null)
        {
            if (_disposed) throw new ObjectDisposedException(nameof(BulkEngine<TSession>));
            var item = new WorkItem<TResult>(state, run, completed, failed);
            _added++;
            Interlocked.Increment(ref _pending);
            _running.AddCount();
            Task.Run(() => RunAsync(item));
            Drain(wait: false);
        }

        private async Task RunAsync(WorkItem item)
        {
            try
            {
                await _slots.WaitAsync(Token).ConfigureAwait(false);
                try
                {
                    await item.RunAsync(Session, Token).ConfigureAwait(false);
                }
                finally
                {
                    _slots.Release();
                }
            }
            catch (Exception error)
            {
                item.Error = error;
            }
            finally
            {
                _events.Add(new EngineEvent(item));
                _running.Signal();
            }
        }

        /// <summary>Counts an input that failed before reaching a worker (invalid input), for progress.</summary>
        public void CountRejected()
        {
            _added++;
            _done++;
            _failed++;
        }

        /// <summary>Writes what is ready; with <paramref name="wait"/> blocks until every queued item has reported.</summary>
        public void Drain(bool wait)
        {
            try
            {
                while (true)
                {
                    var block = wait && Volatile.Read(ref _pending) > 0;
                    if (!_events.TryTake(out var next, block ? TimeSpan.FromMilliseconds(250) : TimeSpan.Zero))
                    {
                        WriteProgressIfDue(force: false);
                        if (block) continue;
                        return;
                    }
                    if (next.Item == null)
                    {
                        Write(next);
                        continue;
                    }
                    Interlocked.Decrement(ref _pending);
                    Complete(next.Item);
                    WriteProgressIfDue(force: false);
                }
            }
            catch (PipelineStoppedException)
            {
                // Ctrl+C, or a command further down has all it wants (Select-Object -First): nothing more is wanted.
                Cancel();
                throw;
            }
        }

        /// <summary>Waits for all work, then completes the progress bar.</summary>
        public void Finish()
        {
            Drain(wait: true);
            if (_added > 0) WriteProgressIfDue(force: true);
        }

        private void Complete(WorkItem item)
        {
            _done++;
            var error = item.Error;
            if (error == null)
            {
                item.Complete();
                return;
            }
            if (error is OperationCanceledException && Token.IsCancellationRequested) return;
            _failed++;
            if (ErrorRecords.EndsTheCommand(error))
            {
                Cancel();
                _cmdlet.ThrowTerminatingError(ErrorRecords.From(error, item.State.Input, item.State.Prefix));
            }
            if (!item.Fail(error)) _cmdlet.WriteError(ErrorRecords.From(error, item.State.Input, item.State.Prefix));
        }

        private void Write(EngineEvent line)
        {
            switch (line.Stream)
            {
                case TraceStream.Debug: _cmdlet.WriteDebug(line.Text); break;
                case TraceStream.Verbose: _cmdlet.WriteVerbose(line.Text); break;
                default: _cmdlet.WriteWarning(line.Text); break;
            }
        }

        void ITraceSink.Debug(string message)
        {
            if (_debug) _events.Add(new EngineEvent(TraceStream.Debug, message));
        }

        void ITraceSink.Verbose(string message) => _events.Add(new EngineEvent(TraceStream.Verbose, message));

        void ITraceSink.Warning(string message) => _events.Add(new EngineEvent(TraceStream.Warning, message));

        /// <summary>Cancels every request and wait; safe from any thread, also after Dispose.</summary>
        public void Cancel()
        {
            try { _cancellation.Cancel(); } catch (ObjectDisposedException) { }
        }

        /// <summary>Cancels what still runs and waits briefly for the workers to end, so none outlives the command.</summary>
        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            Cancel();
            _running.Signal();
            if (!_running.Wait(StopGrace)) return; // a worker ignores cancellation: leave its resources to it
            _cancellation.Dispose();
            _slots.Dispose();
            _running.Dispose();
        }

        private void WriteProgressIfDue(bool force)
        {
            var now = _clock.ElapsedMilliseconds;
            if (!force && (now - _lastProgress < 500 || now < 1000)) return;
            _lastProgress = now;
            var rate = now > 0 ? _done * 1000.0 / now : 0;
            var status = string.Format(CultureInfo.InvariantCulture, "{0} of {1} done, {2:0.#}/s, {3} failed", _done, _added, rate, _failed);
            var record = new ProgressRecord(1, _activity, status);
            if (force) record.RecordType = ProgressRecordType.Completed;
            else if (_added > 0) record.PercentComplete = Math.Min(100, _done * 100 / _added);
            _cmdlet.WriteProgress(record);
        }

        private static bool IsDebugEnabled(PSCmdlet cmdlet)
        {
            if (cmdlet.MyInvocation.BoundParameters.TryGetValue("Debug", out var debug) && debug is SwitchParameter flag) return flag.IsPresent;
            return cmdlet.GetVariableValue("DebugPreference") is ActionPreference preference && preference != ActionPreference.SilentlyContinue;
        }

        private enum TraceStream { Debug, Verbose, Warning }

        /// <summary>A finished work item, or a line for one of the streams.</summary>
        private readonly struct EngineEvent
        {
            public EngineEvent(WorkItem item) { Item = item; Stream = default; Text = string.Empty; }
            public EngineEvent(TraceStream stream, string text) { Item = null; Stream = stream; Text = text; }
            public WorkItem? Item { get; }
            public TraceStream Stream { get; }
            public string Text { get; }
        }

        private abstract class WorkItem
        {
            protected WorkItem(WorkState state) => State = state;
            public WorkState State { get; }
            public Exception? Error { get; set; }
            public abstract Task RunAsync(TSession session, CancellationToken cancellationToken);
            public abstract void Complete();
            /// <returns>false when the item has no failure handler of its own.</returns>
            public abstract bool Fail(Exception error);
        }

        /// <summary>A work item with its payload (captured by <c>run</c>), its result and its continuations.</summary>
        private sealed class WorkItem<TResult> : WorkItem
        {
            private readonly Func<TSession, CancellationToken, Task<TResult>> _run;
            private readonly Action<TResult> _completed;
            private readonly Action<Exception>? _failed;
            private TResult _result = default!;

            public WorkItem(WorkState state, Func<TSession, CancellationToken, Task<TResult>> run, Action<TResult> completed, Action<Exception>? failed)
                : base(state)
            {
                _run = run;
                _completed = completed;
                _failed = failed;
            }

            public override async Task RunAsync(TSession session, CancellationToken cancellationToken) =>
                _result = await _run(session, cancellationToken).ConfigureAwait(false);

            public override void Complete() => _completed(_result);

            public override bool Fail(Exception error)
            {
                if (_failed == null) return false;
                _failed(error);
                return true;
            }
        }
    }
}

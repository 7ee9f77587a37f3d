using System;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using WireScim.Provisioning;
using WireScim.Scim;

namespace WireScim.Commands
{
    /// <summary>
    /// Cmdlets that send one or more requests per input. Work runs on up to -ThrottleLimit workers; what they
    /// produce is queued and written here, on the pipeline thread, in completion order (not input order).
    /// </summary>
    public abstract class BulkCmdlet : WireScimCmdlet
    {
        /// <summary>Requests in flight at once.</summary>
        /// <remarks>
        /// 16 keeps even a slow link (100 ms round trips) at Wire Cloud's nginz limit of 50 requests/s per path,
        /// which the client-side rate limit enforces; on self-hosted instances without that limit it gives over
        /// 10 times the throughput of one request at a time. Lower it to be gentle with a small server.
        /// </remarks>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 16;

        private BulkRunner? _runner;
        private ScimClient? _client;
        private UserProvisioner? _provisioner;
        private readonly Stopwatch _clock = new Stopwatch();
        private long _lastProgress;
        private int _done;
        private int _failed;
        private int _added;

        /// <summary>Activity shown by Write-Progress, e.g. "Creating Wire users".</summary>
        internal abstract string Activity { get; }

        internal BulkRunner Runner => _runner ??= CreateRunner();

        internal ScimClient Client => _client ??= ResolveConnection().CreateScimClient(Runner, Runner.ThrottleLimit);

        internal UserProvisioner Provisioner => _provisioner ??= new UserProvisioner(Client, ResolveConnection().RetryPolicy);

        private BulkRunner CreateRunner()
        {
            var runner = new BulkRunner(ThrottleLimit) { TraceEnabled = IsDebugEnabled() };
            _clock.Start();
            return runner;
        }

        private bool IsDebugEnabled()
        {
            if (MyInvocation.BoundParameters.TryGetValue("Debug", out var debug) && debug is SwitchParameter flag) return flag.IsPresent;
            return GetVariableValue("DebugPreference") is ActionPreference preference && preference != ActionPreference.SilentlyContinue;
        }

        /// <summary>Queues one unit of work. <paramref name="state"/> comes back with its result to <see cref="OnCompleted"/>.</summary>
        internal void Enqueue(WorkState state, Func<System.Threading.CancellationToken, System.Threading.Tasks.Task<object?>> work)
        {
            _added++;
            Runner.Add(state, work);
            Drain(wait: false);
        }

        /// <summary>Writes what is ready; with <paramref name="wait"/> blocks until all queued work has reported.</summary>
        internal void Drain(bool wait)
        {
            if (_runner == null) return;
            while (true)
            {
                if (!_runner.TryTake(out var next, wait && _runner.Pending > 0 ? TimeSpan.FromMilliseconds(250) : TimeSpan.Zero))
                {
                    WriteProgressIfDue(force: false);
                    if (wait && _runner.Pending > 0) continue;
                    break;
                }
                if (!next!.IsCompletion)
                {
                    WriteDebug(next.Trace);
                    continue;
                }
                var state = (WorkState)next.State!;
                _done++;
                if (next.Error != null)
                {
                    if (next.Error is OperationCanceledException && Stopping) continue;
                    _failed++;
                    if (EndsTheCommand(next.Error))
                    {
                        _runner.Cancel();
                        ThrowTerminatingError(ErrorRecords.From(next.Error, state.Input, state.Prefix));
                    }
                    OnFailed(state, next.Error);
                }
                else
                {
                    OnCompleted(state, next.Result);
                }
                WriteProgressIfDue(force: false);
            }
        }

        /// <summary>Called on the pipeline thread with a finished item's result.</summary>
        internal abstract void OnCompleted(WorkState state, object? result);

        /// <summary>Called on the pipeline thread when an item failed; the default writes a non-terminating error.</summary>
        internal virtual void OnFailed(WorkState state, Exception error) => WriteError(ErrorRecords.From(error, state.Input, state.Prefix));

        /// <summary>Counts a failure that never reached a worker (invalid input), for progress and summaries.</summary>
        internal void CountRejected() { _done++; _failed++; _added++; }

        protected override void EndProcessing()
        {
            Drain(wait: true);
            if (_added > 0) WriteProgressIfDue(force: true);
            _runner?.Dispose();
        }

        protected override void StopProcessing() => _runner?.Cancel();

        private void WriteProgressIfDue(bool force)
        {
            var now = _clock.ElapsedMilliseconds;
            if (!force && (now - _lastProgress < 500 || now < 1000)) return;
            _lastProgress = now;
            var record = new ProgressRecord(1, Activity, Status(now));
            if (force) record.RecordType = ProgressRecordType.Completed;
            else if (_added > 0) record.PercentComplete = Math.Min(100, _done * 100 / _added);
            WriteProgress(record);
        }

        private string Status(long elapsedMs)
        {
            var rate = elapsedMs > 0 ? _done * 1000.0 / elapsedMs : 0;
            return string.Format(CultureInfo.InvariantCulture, "{0} of {1} done, {2:0.#}/s, {3} failed", _done, _added, rate, _failed);
        }
    }

    /// <summary>The input a work item came from, for results and errors: the row number and the piped object.</summary>
    internal class WorkState
    {
        public WorkState(int row, object? input, string? prefix)
        {
            Row = row;
            Input = input;
            Prefix = prefix;
        }

        public int Row { get; }
        public object? Input { get; }

        /// <summary>"Row 3 (jdoe): " for pipeline input, so each error names its row; null for a single call.</summary>
        public string? Prefix { get; }
    }
}

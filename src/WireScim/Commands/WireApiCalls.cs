using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using WireScim.Scim;

namespace WireScim.Commands
{
    /// <summary>
    /// Calls to Wire's account API (login, codes, tokens) for one cmdlet: each call runs on a worker, its trace is
    /// written with WriteDebug on the pipeline thread once it returns, and a failure ends the command.
    /// </summary>
    internal sealed class WireApiCalls : IDisposable
    {
        private readonly PSCmdlet _cmdlet;
        private readonly object _target;
        private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();
        private readonly QueuedTrace _trace = new QueuedTrace();

        public WireApiCalls(PSCmdlet cmdlet, object target)
        {
            _cmdlet = cmdlet;
            _target = target;
        }

        public CancellationToken Cancellation => _cancellation.Token;

        public void Cancel() => _cancellation.Cancel();

        public void Dispose() => _cancellation.Dispose();

        /// <summary>Parses the address (ending the command when it is unusable) and makes a client for it.</summary>
        public WireAuthClient Connect(string uri, TimeSpan timeout, out WireUri address)
        {
            var parsed = Run(() => Task.FromResult(WireUri.Parse(uri)), ErrorIds.InvalidUri);
            address = parsed;
            return new WireAuthClient(new HttpTransport(HttpClientProvider.Create(2), timeout, _trace), parsed);
        }

        /// <summary>Runs one call; any failure ends the command (a token command has one thing to do).</summary>
        public T Run<T>(Func<Task<T>> call, string? errorId) => Attempt(call, _ => false, errorId, out _)!;

        /// <summary>
        /// Runs one call; a Wire error that <paramref name="recoverable"/> accepts is handed back in
        /// <paramref name="refused"/> for the caller to act on, any other failure ends the command.
        /// </summary>
        public T? Attempt<T>(Func<Task<T>> call, Func<WireScimException, bool> recoverable, string? errorId, out WireScimException? refused)
        {
            Exception failure;
            refused = null;
            try
            {
                return Task.Run(call).GetAwaiter().GetResult();
            }
            catch (Exception error) when (error is WireScimException or ArgumentException or OperationCanceledException)
            {
                failure = error;
            }
            finally
            {
                while (_trace.Lines.TryDequeue(out var line)) _cmdlet.WriteDebug(line);
            }
            if (failure is WireScimException wire)
            {
                if (recoverable(wire))
                {
                    refused = wire;
                    return default;
                }
                _cmdlet.ThrowTerminatingError(ErrorRecords.From(wire, _target));
            }
            if (failure is OperationCanceledException) throw new PipelineStoppedException();
            Fail(failure, errorId ?? ErrorIds.InvalidArgument, ErrorCategory.InvalidArgument);
            throw failure;
        }

        // No target for a bad address: what was typed may hold a password or query the message leaves out.
        public void Fail(Exception error, string errorId, ErrorCategory category) =>
            _cmdlet.ThrowTerminatingError(new ErrorRecord(error, errorId, category, errorId == ErrorIds.InvalidUri ? null : _target));

        /// <summary>Ends the command with a Wire error (one handed back by <see cref="Attempt{T}"/>).</summary>
        public void Fail(WireScimException error) => _cmdlet.ThrowTerminatingError(ErrorRecords.From(error, _target));

        private sealed class QueuedTrace : ITraceSink
        {
            public readonly ConcurrentQueue<string> Lines = new ConcurrentQueue<string>();
            public void Debug(string message) => Lines.Enqueue(message);
            public void Verbose(string message) => Lines.Enqueue(message);
            public void Warning(string message) => Lines.Enqueue(message);
        }
    }
}

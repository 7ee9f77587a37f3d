using System;
using System.Management.Automation;
using WireScim.Engine;
using WireScim.Scim;

namespace WireScim.Commands
{
    /// <summary>
    /// What every SCIM cmdlet shares: the connection to use, terminating errors that say what to do, and the engine
    /// it owns while it runs. Stopping (Ctrl+C), a stop further down the pipeline and disposal all cancel the engine.
    /// </summary>
    public abstract class WireScimCmdlet : PSCmdlet, IDisposable
    {
        [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1859", Justification = "It holds the engine of whatever session type the command uses.")]
        private IBulkEngine? _engine;

        /// <summary>The connection to use instead of the session default (from Connect-WireScim -PassThru).</summary>
        [Parameter]
        [ValidateNotNull]
        public Connection? Connection { get; set; }

        /// <summary>
        /// Asks once for a whole run: false when -Confirm was answered No (the run does nothing). <paramref name="whatIf"/>
        /// is true under -WhatIf, where the run reads only what it must and changes nothing.
        /// </summary>
        internal bool ShouldRun(string description, out bool whatIf)
        {
            var go = ShouldProcess(description, description + "?", "Confirm", out var reason);
            whatIf = !go && reason == ShouldProcessReason.WhatIf;
            return go || whatIf;
        }

        internal Connection ResolveConnection()
        {
            var connection = Connection ?? ConnectionStore.Default;
            if (connection != null) return connection;
            var error = new InvalidOperationException(
                "Not connected to Wire. Run Connect-WireScim -Uri https://<host>/scim/v2 -Token <SecureString> first (New-WireScimToken -Connect does both), or pass -Connection.");
            ThrowTerminatingError(new ErrorRecord(error, ErrorIds.NotConnected, ErrorCategory.ConnectionError, null));
            throw error;
        }

        /// <summary>
        /// The engine of this command, started on first use (pipeline thread only) with a session opened from the
        /// connection, e.g. <c>Engine("Creating Wire users", ThrottleLimit, UserSession.Open)</c>.
        /// </summary>
        internal BulkEngine<TSession> Engine<TSession>(string activity, int throttleLimit, Func<Connection, ITraceSink, int, TSession> openSession)
        {
            if (_engine is BulkEngine<TSession> running) return running;
            if (_engine != null) throw new InvalidOperationException("A command runs one engine.");
            var connection = ResolveConnection();
            var engine = new BulkEngine<TSession>(this, activity, throttleLimit, trace => openSession(connection, trace, throttleLimit));
            _engine = engine;
            return engine;
        }

        /// <summary>Counts an input rejected before it reached the engine (invalid input), for progress.</summary>
        internal void CountRejected() => _engine?.CountRejected();

        /// <summary>Waits for the engine's work and writes the rest of its output. Overrides call base.EndProcessing() last.</summary>
        protected override void EndProcessing() => _engine?.Finish();

        protected override void StopProcessing() => _engine?.Cancel();

        /// <summary>PowerShell disposes the cmdlet when the pipeline ends, also when it was stopped or failed.</summary>
        public void Dispose()
        {
            Release();
            GC.SuppressFinalize(this);
        }

        /// <summary>
        /// Ends the engine's workers, then lets go of what the command holds for them (a state file and its lock).
        /// Runs at the end of EndProcessing and again at disposal, which is all that runs when an upstream command failed.
        /// </summary>
        internal void Release()
        {
            StopEngine();
            ReleaseHeld();
        }

        /// <summary>What a command holds beyond its engine; called after the workers have ended, perhaps twice.</summary>
        internal virtual void ReleaseHeld() { }

        /// <summary>Cancels the engine and waits for its workers to end, before the cmdlet releases what they use.</summary>
        internal void StopEngine()
        {
            _engine?.Dispose();
            _engine = null;
        }
    }
}

using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using WireScim.Scim;

namespace WireScim.Provisioning
{
    /// <summary>
    /// Ends a command when Wire cannot be reached at all, instead of retrying every row: after a run of failed
    /// requests with no answer in between (refused, reset, timed out), when nothing has been answered in this command
    /// or the run has lasted long enough to be more than a blip. Every request of the command shares one breaker.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The token source has no timer: it lives as long as the command and holds nothing to release.")]
    internal sealed class ConnectionBreaker
    {
        /// <summary>Failures in a row that trip the breaker (with ThrottleLimit 16 a closed port gives them at once).</summary>
        public const int FailuresToTrip = 8;

        /// <summary>How long a run of failures must last to trip after Wire has answered in this command.</summary>
        public static readonly TimeSpan OutageToTrip = TimeSpan.FromSeconds(10);

        private readonly object _gate = new object();
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly CancellationTokenSource _tripped = new CancellationTokenSource();
        private int _failures;
        private TimeSpan _runStarted;
        private bool _answered;
        private WireScimException? _error;

        /// <summary>Cancelled when the breaker trips, so that requests waiting to retry stop at once.</summary>
        public CancellationToken Tripped => _tripped.Token;

        /// <summary>The error that ends the command, once tripped.</summary>
        public WireScimException? Error
        {
            get { lock (_gate) return _error; }
        }

        public void Answered()
        {
            lock (_gate)
            {
                _answered = true;
                _failures = 0;
            }
        }

        /// <summary>Counts a request that got no answer; returns the breaker's error when this failure trips it.</summary>
        public WireScimException? Failed(ScimRequest request, WireScimException failure)
        {
            lock (_gate)
            {
                if (_error != null) return _error;
                if (_failures++ == 0) _runStarted = _clock.Elapsed;
                var run = _clock.Elapsed - _runStarted;
                if (_failures < FailuresToTrip || (_answered && run < OutageToTrip)) return null;
                var host = request.Uri.GetLeftPart(UriPartial.Authority);
                var seconds = run.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
                _error = new WireScimException(WireScimErrorKind.Unreachable, ErrorIds.Unreachable,
                    $"Wire at {host} cannot be reached: {_failures} requests in a row got no answer in {seconds} s{(_answered ? string.Empty : ", and none has been answered")}; the last: {failure.Message} The command stops here. Check the address (-Uri of Connect-WireScim), the network and that the server is up.",
                    failure);
            }
            _tripped.Cancel();
            return _error;
        }

        public void ThrowIfTripped()
        {
            var error = Error;
            if (error != null) throw error;
        }
    }
}

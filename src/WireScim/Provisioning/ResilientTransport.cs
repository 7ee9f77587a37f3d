using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using WireScim.Scim;

namespace WireScim.Provisioning
{
    /// <summary>
    /// Wraps the HTTP leg with the client-side rate limit and retries. It retries what is safe to repeat:
    /// throttling (420/429) and 503 always, since the server did not act; 500/502/504, timeouts and broken
    /// connections only for idempotent requests. A POST whose outcome is unknown is handed back to the caller,
    /// which looks the user up before sending it again. No wait goes past the policy's MaxRetryTime: a request
    /// that would have to wait longer ends with an error naming the delay. A run of requests without any answer
    /// trips the command's <see cref="ConnectionBreaker"/>.
    /// </summary>
    internal sealed class ResilientTransport : IScimTransport
    {
        private readonly IScimTransport _inner;
        private readonly RateLimiter _limiter;
        private readonly RetryPolicy _policy;
        private readonly ITraceSink _trace;
        private readonly ConnectionBreaker _breaker;

        public ResilientTransport(IScimTransport inner, RateLimiter limiter, RetryPolicy policy, ITraceSink trace, ConnectionBreaker? breaker = null)
        {
            _inner = inner;
            _limiter = limiter;
            _policy = policy;
            _trace = trace;
            _breaker = breaker ?? new ConnectionBreaker();
        }

        public async Task<ScimResponse> SendAsync(ScimRequest request, CancellationToken cancellationToken)
        {
            var clock = Stopwatch.StartNew();
            // Waits end on cancellation and when the breaker trips (another request found Wire unreachable).
            using var waits = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _breaker.Tripped);
            for (int attempt = 1; ; attempt++)
            {
                _breaker.ThrowIfTripped();
                ScimResponse response;
                try
                {
                    response = await AcquireAndSendAsync(request, attempt, clock, waits.Token, cancellationToken).ConfigureAwait(false);
                }
                catch (WireScimException error) when (IsNoAnswer(error))
                {
                    var tripped = _breaker.Failed(request, error);
                    if (tripped != null) throw tripped;
                    if (!IsRetryable(error, request)) throw;
                    var wait = _policy.Backoff(attempt);
                    if (!CanRetry(attempt, clock.Elapsed, wait))
                        throw error.WithMessage($"{error.Message} Gave up after {Describe(attempt, clock.Elapsed)}.");
                    _trace.Debug($"{request}: {error.Message} Retrying in {Seconds(wait)} s (attempt {attempt + 1}).");
                    await DelayAsync(wait, waits.Token, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                _breaker.Answered();

                if (!IsRetryable(response.Status, request))
                {
                    _limiter.ReportSuccess(request.Path);
                    return response;
                }
                var throttled = response.Status is 420 or 429;
                var delay = throttled || response.Status == 503 ? _policy.DelayFor(attempt, response.RetryAfter) : _policy.Backoff(attempt);
                // The path pauses for the server's delay, but never beyond what any request may wait.
                if (throttled) _limiter.ReportThrottled(request.Path, response.RetryAfter, _policy.MaxRetryTime);
                if (!CanRetry(attempt, clock.Elapsed, delay))
                {
                    if (response.RetryAfter is TimeSpan asked && clock.Elapsed + delay > _policy.MaxRetryTime)
                        throw ServerDelayTooLong(request, response, asked, attempt, clock.Elapsed);
                    _trace.Debug($"{request}: {response.Status} again; giving up after {Describe(attempt, clock.Elapsed)}.");
                    return response;
                }
                if (throttled) _trace.Verbose($"{request}: throttled by Wire ({response.Status}), waiting {Seconds(delay)} s (attempt {attempt + 1}).");
                else _trace.Debug($"{request}: {response.Status} {ScimErrorReader.ReasonPhrase(response.Status)}; retrying in {Seconds(delay)} s (attempt {attempt + 1}).");
                // Throttled paths are paused inside the limiter when it is on; every other wait is a plain delay.
                if (!throttled || !_limiter.Enabled) await DelayAsync(delay, waits.Token, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>Waits for the path's slot (at most what is left of MaxRetryTime), then sends; the limiter hears of every attempt's end.</summary>
        private async Task<ScimResponse> AcquireAndSendAsync(ScimRequest request, int attempt, Stopwatch clock, CancellationToken waits, CancellationToken cancellationToken)
        {
            try
            {
                var budget = _policy.MaxRetryTime - clock.Elapsed;
                var needed = await WaitAsync(() => _limiter.AcquireAsync(request.Path, budget < TimeSpan.Zero ? TimeSpan.Zero : budget, waits), cancellationToken).ConfigureAwait(false);
                if (needed is TimeSpan tooLong) throw LimiterWaitTooLong(request, tooLong, attempt, clock.Elapsed);
                return await _inner.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _limiter.Done(request.Path);
            }
        }

        /// <summary>A wait that also ends when the breaker trips, with the breaker's error.</summary>
        private Task<TimeSpan?> DelayAsync(TimeSpan wait, CancellationToken waits, CancellationToken cancellationToken) =>
            WaitAsync(async () => { await Task.Delay(wait, waits).ConfigureAwait(false); return (TimeSpan?)null; }, cancellationToken);

        private async Task<TimeSpan?> WaitAsync(Func<Task<TimeSpan?>> wait, CancellationToken cancellationToken)
        {
            try
            {
                return await wait().ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && _breaker.Error != null)
            {
                throw _breaker.Error;
            }
        }

        private WireScimException LimiterWaitTooLong(ScimRequest request, TimeSpan needed, int attempt, TimeSpan elapsed)
        {
            var asked = _limiter.RequestedDelay(request.Path);
            var reason = asked is TimeSpan delay ? $"Wire asked to wait {Seconds(delay)} s (Retry-After)" : "the client-side rate limit is slowed down after throttled answers";
            return new WireScimException(WireScimErrorKind.Throttled, ErrorIds.Throttled,
                $"{request}: not sent, {reason} and the next slot for this path is {Seconds(needed)} s away, beyond the connection's MaxRetryTime of {Seconds(_policy.MaxRetryTime)} s{(attempt > 1 ? $" (after {Describe(attempt - 1, elapsed)})" : string.Empty)}. Run the command again later, or raise -MaxRetryTime with Connect-WireScim.")
            { RetryAfter = asked };
        }

        private WireScimException ServerDelayTooLong(ScimRequest request, ScimResponse response, TimeSpan asked, int attempt, TimeSpan elapsed)
        {
            var error = ScimErrorReader.Read(response);
            return error.WithMessage(
                $"{error.Message} Wire asked to wait {Seconds(asked)} s (Retry-After), beyond the connection's MaxRetryTime of {Seconds(_policy.MaxRetryTime)} s, so {request} was not retried (after {Describe(attempt, elapsed)}). Run the command again later, or raise -MaxRetryTime with Connect-WireScim.");
        }

        private static bool IsRetryable(int status, ScimRequest request) =>
            status is 420 or 429 or 503 || (request.IsIdempotent && status is 500 or 502 or 504);

        /// <summary>Failures that got no answer from the server: they count for the breaker.</summary>
        private static bool IsNoAnswer(WireScimException error) =>
            error.Kind is WireScimErrorKind.ConnectionFailed or WireScimErrorKind.Timeout or WireScimErrorKind.OutcomeUnknown;

        private static bool IsRetryable(WireScimException error, ScimRequest request) =>
            error.Kind == WireScimErrorKind.ConnectionFailed
            || (request.IsIdempotent && error.Kind is WireScimErrorKind.Timeout or WireScimErrorKind.OutcomeUnknown);

        private bool CanRetry(int attempt, TimeSpan elapsed, TimeSpan wait) =>
            attempt < _policy.MaxAttempts && elapsed + wait <= _policy.MaxRetryTime;

        private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);

        private static string Describe(int attempts, TimeSpan elapsed) =>
            $"{attempts} attempt{(attempts == 1 ? string.Empty : "s")} in {Seconds(elapsed)} s";
    }
}

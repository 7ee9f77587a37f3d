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
    /// which looks the user up before sending it again.
    /// </summary>
    internal sealed class ResilientTransport : IScimTransport
    {
        private readonly IScimTransport _inner;
        private readonly RateLimiter _limiter;
        private readonly RetryPolicy _policy;
        private readonly ITraceSink _trace;

        public ResilientTransport(IScimTransport inner, RateLimiter limiter, RetryPolicy policy, ITraceSink trace)
        {
            _inner = inner;
            _limiter = limiter;
            _policy = policy;
            _trace = trace;
        }

        public async Task<ScimResponse> SendAsync(ScimRequest request, CancellationToken cancellationToken)
        {
            var clock = Stopwatch.StartNew();
            for (int attempt = 1; ; attempt++)
            {
                await _limiter.AcquireAsync(request.Path, cancellationToken).ConfigureAwait(false);
                ScimResponse response;
                try
                {
                    response = await _inner.SendAsync(request, cancellationToken).ConfigureAwait(false);
                }
                catch (WireScimException error) when (IsRetryable(error, request))
                {
                    var wait = _policy.Backoff(attempt);
                    if (!CanRetry(attempt, clock.Elapsed, wait))
                        throw error.WithMessage($"{error.Message} Gave up after {Describe(attempt, clock.Elapsed)}.");
                    _trace.Debug($"{request}: {error.Message} Retrying in {wait.TotalSeconds:0.0} s (attempt {attempt + 1}).");
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (!IsRetryable(response.Status, request))
                {
                    _limiter.ReportSuccess(request.Path);
                    return response;
                }
                if (response.Status is 420 or 429) _limiter.ReportThrottled(request.Path, response.RetryAfter);
                var delay = response.Status is 420 or 429 or 503 ? _policy.DelayFor(attempt, response.RetryAfter) : _policy.Backoff(attempt);
                if (!CanRetry(attempt, clock.Elapsed, delay))
                {
                    _trace.Debug($"{request}: {response.Status} again; giving up after {Describe(attempt, clock.Elapsed)}.");
                    return response;
                }
                var seconds = delay.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
                if (response.Status is 420 or 429) _trace.Verbose($"{request}: throttled by Wire ({response.Status}), waiting {seconds} s (attempt {attempt + 1}).");
                else _trace.Debug($"{request}: {response.Status} {ScimErrorReader.ReasonPhrase(response.Status)}; retrying in {seconds} s (attempt {attempt + 1}).");
                // Throttled paths are paused inside the limiter when it is on; every other wait is a plain delay.
                if (response.Status is not (420 or 429) || !_limiter.Enabled) await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }

        private static bool IsRetryable(int status, ScimRequest request) =>
            status is 420 or 429 or 503 || (request.IsIdempotent && status is 500 or 502 or 504);

        private static bool IsRetryable(WireScimException error, ScimRequest request) =>
            error.Kind == WireScimErrorKind.ConnectionFailed
            || (request.IsIdempotent && error.Kind is WireScimErrorKind.Timeout or WireScimErrorKind.OutcomeUnknown);

        private bool CanRetry(int attempt, TimeSpan elapsed, TimeSpan wait) =>
            attempt < _policy.MaxAttempts && elapsed + wait <= _policy.MaxRetryTime;

        private static string Describe(int attempts, TimeSpan elapsed) =>
            $"{attempts} attempt{(attempts == 1 ? string.Empty : "s")} in {elapsed.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s";
    }
}

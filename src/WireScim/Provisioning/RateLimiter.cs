using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace WireScim.Provisioning
{
    /// <summary>
    /// Client-side token buckets, one per request path, like Wire's nginz zone (keyed by client address and URI).
    /// A throttled answer pauses the path for Retry-After and lowers its rate; steady successes restore it.
    /// </summary>
    internal sealed class RateLimiter
    {
        // Wire's limit is fixed, so a throttled answer usually means requests bunched up on the way, not a lower limit:
        // slow down a little and come back quickly.
        private const int SuccessesBeforeSpeedUp = 20;
        private readonly object _gate = new object();
        private readonly Dictionary<string, Bucket> _buckets = new Dictionary<string, Bucket>(StringComparer.Ordinal);
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        /// <param name="requestsPerSecond">Sustained rate per path; 0 or less turns limiting off.</param>
        /// <param name="burst">Requests that may go at once before the rate applies.</param>
        public RateLimiter(double requestsPerSecond, int burst)
        {
            RequestsPerSecond = requestsPerSecond;
            Burst = Math.Max(1, burst);
        }

        public double RequestsPerSecond { get; }
        public int Burst { get; }
        public bool Enabled => RequestsPerSecond > 0;

        /// <summary>Waits until a request to <paramref name="path"/> may be sent.</summary>
        public Task AcquireAsync(string path, CancellationToken cancellationToken) =>
            AcquireAsync(path, TimeSpan.MaxValue, cancellationToken);

        /// <summary>Waits until a request to <paramref name="path"/> may be sent, but never longer than <paramref name="maxWait"/>.</summary>
        /// <returns>
        /// Null once the request may go; otherwise the wait it would need (longer than <paramref name="maxWait"/>),
        /// and nothing is reserved: the caller gives up instead of waiting.
        /// </returns>
        public Task<TimeSpan?> AcquireAsync(string path, TimeSpan maxWait, CancellationToken cancellationToken)
        {
            if (!Enabled) return NoWait;
            TimeSpan wait;
            lock (_gate)
            {
                var bucket = BucketFor(path);
                var now = Now;
                bucket.Refill(now);
                var start = Math.Max(now, bucket.PausedUntil);
                var deficit = bucket.Tokens - 1 < 0 ? -(bucket.Tokens - 1) / bucket.Rate : 0;
                wait = TimeSpan.FromSeconds(start - now + deficit);
                if (wait > maxWait) return Task.FromResult<TimeSpan?>(wait);
                // Each caller reserves its slot, so waiting callers queue in order instead of racing.
                bucket.Tokens -= 1;
            }
            return wait <= TimeSpan.Zero ? NoWait : WaitOrReturnSlotAsync(path, wait, cancellationToken);
        }

        private static readonly Task<TimeSpan?> NoWait = Task.FromResult<TimeSpan?>(null);

        /// <summary>How long Wire last asked to wait for <paramref name="path"/> (Retry-After), for messages; null when it did not.</summary>
        public TimeSpan? RequestedDelay(string path)
        {
            lock (_gate) return _buckets.TryGetValue(path, out var bucket) ? bucket.RequestedDelay : null;
        }

        private async Task<TimeSpan?> WaitOrReturnSlotAsync(string path, TimeSpan wait, CancellationToken cancellationToken)
        {
            try
            {
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                return null;
            }
            catch (OperationCanceledException)
            {
                // The request will not be sent: give its reserved slot back to those still waiting.
                lock (_gate) BucketFor(path).Tokens += 1;
                throw;
            }
        }

        /// <summary>The server throttled a request to <paramref name="path"/>: pause (at most <paramref name="maxPause"/>) and slow down.</summary>
        public void ReportThrottled(string path, TimeSpan? retryAfter, TimeSpan maxPause)
        {
            if (!Enabled) return;
            lock (_gate)
            {
                var bucket = BucketFor(path);
                var now = Now;
                bucket.Refill(now);
                var pause = Math.Min((retryAfter ?? TimeSpan.FromSeconds(1)).TotalSeconds, maxPause.TotalSeconds);
                bucket.PausedUntil = Math.Max(bucket.PausedUntil, now + pause);
                bucket.RequestedDelay = retryAfter;
                bucket.Rate = Math.Max(RequestsPerSecond / 4, bucket.Rate * 0.8);
                bucket.Tokens = Math.Min(bucket.Tokens, 0);
                bucket.Successes = 0;
            }
        }

        public void ReportSuccess(string path)
        {
            if (!Enabled) return;
            lock (_gate)
            {
                var bucket = BucketFor(path);
                if (bucket.Rate >= RequestsPerSecond || ++bucket.Successes < SuccessesBeforeSpeedUp) return;
                bucket.Successes = 0;
                bucket.Rate = Math.Min(RequestsPerSecond, bucket.Rate * 1.2);
            }
        }

        /// <summary>The current (possibly lowered) rate of a path, for progress and tests.</summary>
        public double CurrentRate(string path)
        {
            lock (_gate) return BucketFor(path).Rate;
        }

        private double Now => _clock.Elapsed.TotalSeconds;

        private Bucket BucketFor(string path)
        {
            if (!_buckets.TryGetValue(path, out var bucket))
            {
                // Distinct user ids each get a bucket; forget idle ones so a long run does not grow without bound.
                if (_buckets.Count > 10000) _buckets.Clear();
                bucket = new Bucket(RequestsPerSecond, Burst, Now);
                _buckets[path] = bucket;
            }
            return bucket;
        }

        private sealed class Bucket
        {
            public Bucket(double rate, int burst, double now)
            {
                Rate = rate;
                Capacity = burst;
                Tokens = burst;
                Updated = now;
            }

            public double Rate;
            public readonly double Capacity;
            public double Tokens;
            public double Updated;
            public double PausedUntil;
            public int Successes;
            public TimeSpan? RequestedDelay;

            public void Refill(double now)
            {
                if (now > Updated) Tokens = Math.Min(Capacity, Tokens + (now - Updated) * Rate);
                Updated = now;
            }
        }
    }
}

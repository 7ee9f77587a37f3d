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
        public Task<TimeSpan?> AcquireAsync(string path, TimeSpan maxWait, CancellationToken cancellationToken) =>
            Reserve(path, maxWait, behindFirst: true, cancellationToken);

        private Task<TimeSpan?> Reserve(string path, TimeSpan maxWait, bool behindFirst, CancellationToken cancellationToken)
        {
            if (!Enabled) return NoWait;
            TimeSpan wait;
            lock (_gate)
            {
                var bucket = BucketFor(path);
                // The first request of a path goes alone: a server still starting up (or a proxy opening its upstream)
                // holds the requests behind it and then takes them in one bunch, which its bucket throttles.
                if (behindFirst && !bucket.Warm)
                {
                    if (bucket.FirstAnswer != null) return AfterFirstAnswerAsync(bucket.FirstAnswer.Task, path, maxWait, cancellationToken);
                    bucket.FirstAnswer = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                }
                var now = Now;
                bucket.Refill(now);
                var start = Math.Max(now, bucket.PausedUntil);
                var deficit = bucket.Tokens - 1 < 0 ? -(bucket.Tokens - 1) / bucket.Rate : 0;
                wait = TimeSpan.FromSeconds(start - now + deficit);
                if (wait > maxWait) return Task.FromResult<TimeSpan?>(wait);
                // Each caller reserves its slot, so waiting callers queue in order instead of racing.
                bucket.Tokens -= 1;
                if (wait <= TimeSpan.Zero && SendDelay(bucket, now) <= 0) return NoWait;
            }
            return WaitOrReturnSlotAsync(path, wait, cancellationToken);
        }

        private double SendDelay(string path)
        {
            lock (_gate) return SendDelay(BucketFor(path), Now);
        }

        /// <summary>
        /// Records a send now, unless the sends really made (not the slots reserved) would exceed the burst: 0 when
        /// recorded, otherwise the seconds until it may go. Waits that end late (a busy thread pool, a garbage
        /// collection) would otherwise release their requests together, and Wire's bucket, which counts arrivals,
        /// throttles the bunch. Same arithmetic as nginx's limit_req; the caller holds the lock.
        /// </summary>
        private static double SendDelay(Bucket bucket, double now)
        {
            var excess = Math.Max(0, bucket.SendExcess - bucket.Rate * (now - bucket.LastSend) + 1);
            var over = excess - (bucket.Capacity - 1);
            if (over > 1e-9) return over / bucket.Rate;
            bucket.SendExcess = excess;
            bucket.LastSend = now;
            return 0;
        }

        private static readonly Task<TimeSpan?> NoWait = Task.FromResult<TimeSpan?>(null);

        /// <summary>Waits for the path's first answer, but no longer than <paramref name="maxWait"/>, then queues as usual.</summary>
        private async Task<TimeSpan?> AfterFirstAnswerAsync(Task firstAnswer, string path, TimeSpan maxWait, CancellationToken cancellationToken)
        {
            var started = Now;
            using (var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var timeOut = maxWait < TimeSpan.FromDays(1) ? Task.Delay(maxWait, stop.Token) : Task.Delay(Timeout.Infinite, stop.Token);
                await Task.WhenAny(firstAnswer, timeOut).ConfigureAwait(false);
                stop.Cancel();
            }
            cancellationToken.ThrowIfCancellationRequested();
            var left = maxWait - TimeSpan.FromSeconds(Now - started);
            // Not behind the first again: its answer came, or this request's budget for waiting on it is spent.
            return await Reserve(path, left < TimeSpan.Zero ? TimeSpan.Zero : left, behindFirst: false, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// A request to <paramref name="path"/> was answered, failed or was given up: the requests held back behind the
        /// path's first one may go. Call it after every attempt, whatever its outcome.
        /// </summary>
        public void Done(string path)
        {
            if (!Enabled) return;
            TaskCompletionSource<bool>? held;
            lock (_gate)
            {
                if (!_buckets.TryGetValue(path, out var bucket) || bucket.Warm) return;
                bucket.Warm = true;
                held = bucket.FirstAnswer;
                bucket.FirstAnswer = null;
            }
            held?.TrySetResult(true);
        }

        /// <summary>How long Wire last asked to wait for <paramref name="path"/> (Retry-After), for messages; null when it did not.</summary>
        public TimeSpan? RequestedDelay(string path)
        {
            lock (_gate) return _buckets.TryGetValue(path, out var bucket) ? bucket.RequestedDelay : null;
        }

        private async Task<TimeSpan?> WaitOrReturnSlotAsync(string path, TimeSpan wait, CancellationToken cancellationToken)
        {
            try
            {
                if (wait > TimeSpan.Zero) await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                for (var delay = SendDelay(path); delay > 0; delay = SendDelay(path))
                    await Task.Delay(TimeSpan.FromSeconds(delay), cancellationToken).ConfigureAwait(false);
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
                // nginz's 420 carries no Retry-After: its bucket is full and drains at the rate, so a burst's worth of
                // slots is enough for it to take requests again.
                var pause = Math.Min((retryAfter ?? TimeSpan.FromSeconds(Burst / RequestsPerSecond)).TotalSeconds, maxPause.TotalSeconds);
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
            public double SendExcess;
            // Never sent: so long ago that the first send finds the bucket empty, as nginx's does for a new key.
            public double LastSend = double.NegativeInfinity;
            public bool Warm;
            public TaskCompletionSource<bool>? FirstAnswer;
            public TimeSpan? RequestedDelay;

            public void Refill(double now)
            {
                if (now > Updated) Tokens = Math.Min(Capacity, Tokens + (now - Updated) * Rate);
                Updated = now;
            }
        }
    }
}

using System;
using System.Threading;

namespace WireScim.Provisioning
{
    /// <summary>How often and how long to keep trying, and how long to wait between tries.</summary>
    internal sealed class RetryPolicy
    {
        private static int _seed = Environment.TickCount;
        private static readonly ThreadLocal<Random> Jitter = new ThreadLocal<Random>(() => new Random(Interlocked.Increment(ref _seed)));

        /// <summary>Attempts per request, the first one included.</summary>
        public int MaxAttempts { get; set; } = 8;

        /// <summary>Total time one request may spend retrying, waits included.</summary>
        public TimeSpan MaxRetryTime { get; set; } = TimeSpan.FromMinutes(5);

        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(250);
        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>Exponential backoff with full jitter for attempt n (1 = after the first failure).</summary>
        public TimeSpan Backoff(int attempt)
        {
            var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 20)));
            var jittered = ceiling / 2 + Jitter.Value!.NextDouble() * ceiling / 2;
            return TimeSpan.FromMilliseconds(jittered);
        }

        /// <summary>
        /// The server's Retry-After when it gave one, plus a random spread of up to that delay again (at most 2 s),
        /// so that workers throttled together do not all come back at the same instant; else backoff.
        /// MaxRetryTime bounds the total.
        /// </summary>
        public TimeSpan DelayFor(int attempt, TimeSpan? retryAfter)
        {
            if (!(retryAfter is TimeSpan serverDelay) || serverDelay <= TimeSpan.Zero) return Backoff(attempt);
            var spread = Math.Min(serverDelay.TotalMilliseconds, 2000);
            return serverDelay + TimeSpan.FromMilliseconds(Jitter.Value!.NextDouble() * spread);
        }
    }
}

using System;
using System.Security;
using WireScim.Provisioning;
using WireScim.Scim;
using WireScim.Validation;

namespace WireScim
{
    /// <summary>Where and how to reach one Wire instance. PowerShell shows it as WireScim.Connection; the token is never shown.</summary>
    public sealed class Connection
    {
        private readonly object _gate = new object();
        private RateLimiter? _limiter;

        internal Connection(WireUri uri, SecureString token)
        {
            Address = uri;
            Token = token;
        }

        internal WireUri Address { get; }
        internal SecureString Token { get; }

        /// <summary>The SCIM base, https://host/scim/v2.</summary>
        public string Uri => Address.ToString();

        /// <summary>How Wire creates users with this token, when known (New-WireScimToken knows; a pasted token does not).</summary>
        public TeamMode TeamMode { get; set; }

        /// <summary>Client-side rate per request path; Wire Cloud's nginz allows 50 per second with a burst of 10. 0 turns it off.</summary>
        public double RequestsPerSecond { get; set; } = 50;

        /// <summary>Requests that may go at once. Half of nginz's 10, so that requests bunched up on the way still fit.</summary>
        public int Burst { get; set; } = 5;

        /// <summary>Attempts per request (first included) for throttling, 5xx and network failures.</summary>
        public int MaxAttempts { get; set; } = 8;
        public TimeSpan MaxRetryTime { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>
        /// The most characters (field names and values) a user's rich info may have: spar's richInfoLimit, 5000 unless
        /// the instance configures another. Checked before sending, on the whole set a user ends up with.
        /// </summary>
        public int RichInfoLimit { get; set; } = UserValidator.RichInfoLimit;

        /// <summary>Time to wait for one answer.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

        public DateTime ConnectedAt { get; } = DateTime.Now;

        internal RateLimiter Limiter
        {
            get
            {
                lock (_gate)
                {
                    if (_limiter == null || _limiter.RequestsPerSecond != RequestsPerSecond || _limiter.Burst != Burst)
                        _limiter = new RateLimiter(RequestsPerSecond, Burst);
                    return _limiter;
                }
            }
        }

        internal RetryPolicy RetryPolicy => new RetryPolicy { MaxAttempts = Math.Max(1, MaxAttempts), MaxRetryTime = MaxRetryTime };

        /// <summary>A transport for one cmdlet call: shared pooled HTTP, this connection's rate limit, retries, a breaker of its own, and the caller's trace.</summary>
        internal IScimTransport CreateTransport(ITraceSink trace, int concurrency)
        {
            var http = new HttpTransport(HttpClientProvider.Create(concurrency), Timeout, trace);
            return new ResilientTransport(http, Limiter, RetryPolicy, trace, new ConnectionBreaker());
        }

        public override string ToString() => Uri;
    }
}

using System;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using WireScim.Provisioning;
using WireScim.Scim;
using WireScim.Tests.TestServers;
using Xunit;

namespace WireScim.Tests.Units
{
    /// <summary>
    /// No wait beyond the connection's MaxRetryTime, a breaker for a Wire that never answers, and requests that can
    /// never succeed (a TLS mismatch, a token an HTTP header cannot carry) failing at once instead of being retried.
    /// </summary>
    public class BoundedWaitTests
    {
        private const string TokenText = "q3Zs+0Yh/Lr7mW2pXc9eKd4uTb1oNf6gHj8iRk5lMvA=";
        private static readonly Uri UsersUri = new Uri("https://wire.example.com/scim/v2/Users");

        private static RetryPolicy Policy(TimeSpan maxRetryTime, int maxAttempts = 8) => new RetryPolicy
        {
            MaxAttempts = maxAttempts, MaxRetryTime = maxRetryTime,
            BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(2),
        };

        private static ScimRequest Get() => new ScimRequest(HttpMethod.Get, new Uri(UsersUri + "?filter=x"));

        [Theory]
        [InlineData(429)]
        [InlineData(420)]
        [InlineData(503)]
        public async Task A_Retry_After_beyond_MaxRetryTime_ends_the_request_at_once_naming_the_delay(int status)
        {
            var inner = new ScriptedTransport().ThenRespond(status, retryAfter: TimeSpan.FromSeconds(3600));
            var limiter = new RateLimiter(50, 5);
            var transport = new ResilientTransport(inner, limiter, Policy(TimeSpan.FromSeconds(15)), NullTraceSink.Instance);

            var error = await Assert.ThrowsAsync<WireScimException>(() => transport.SendAsync(Get(), CancellationToken.None));

            Assert.Equal(1, inner.Calls);
            Assert.Contains("3600 s", error.Message);
            Assert.Contains("MaxRetryTime of 15 s", error.Message);
            Assert.Equal(TimeSpan.FromSeconds(3600), error.RetryAfter);
        }

        [Fact]
        public async Task A_throttled_path_pauses_at_most_MaxRetryTime_and_a_longer_wait_is_refused_with_the_servers_delay()
        {
            var inner = new ScriptedTransport().ThenRespond(429, retryAfter: TimeSpan.FromSeconds(3600));
            var limiter = new RateLimiter(50, 5);
            var transport = new ResilientTransport(inner, limiter, Policy(TimeSpan.FromSeconds(15)), NullTraceSink.Instance);
            await Assert.ThrowsAsync<WireScimException>(() => transport.SendAsync(Get(), CancellationToken.None));

            var needed = await limiter.AcquireAsync(UsersUri.AbsolutePath, TimeSpan.FromSeconds(1), CancellationToken.None);
            Assert.NotNull(needed);
            // The pause is capped at MaxRetryTime; the slot after it (1/50 s) comes on top.
            Assert.InRange(needed!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15.1));
            Assert.Equal(TimeSpan.FromSeconds(3600), limiter.RequestedDelay(UsersUri.AbsolutePath));

            // A request with less budget than the pause is refused without being sent, and says why.
            var late = new ResilientTransport(inner, limiter, Policy(TimeSpan.FromSeconds(2)), NullTraceSink.Instance);
            var error = await Assert.ThrowsAsync<WireScimException>(() => late.SendAsync(Get(), CancellationToken.None));
            Assert.Equal(1, inner.Calls);
            Assert.Equal(WireScimErrorKind.Throttled, error.Kind);
            Assert.Contains("Wire asked to wait 3600 s", error.Message);
        }

        [Fact]
        public async Task A_refused_limiter_wait_reserves_no_slot()
        {
            var limiter = new RateLimiter(1, 1);
            Assert.Null(await limiter.AcquireAsync("/p", TimeSpan.Zero, CancellationToken.None));
            limiter.Done("/p");
            Assert.NotNull(await limiter.AcquireAsync("/p", TimeSpan.FromMilliseconds(100), CancellationToken.None));
            Assert.NotNull(await limiter.AcquireAsync("/p", TimeSpan.FromMilliseconds(100), CancellationToken.None));
            // Two refusals reserved nothing: the next slot is still about one second away, not three.
            var needed = await limiter.AcquireAsync("/p", TimeSpan.Zero, CancellationToken.None);
            Assert.InRange(needed!.Value, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1.5));
        }

        [Fact]
        public async Task The_breaker_ends_requests_after_a_run_of_failures_with_nothing_answered()
        {
            var inner = new ScriptedTransport();
            for (int i = 0; i < 100; i++) inner.ThenFail(WireScimErrorKind.ConnectionFailed);
            var transport = new ResilientTransport(inner, new RateLimiter(0, 1), Policy(TimeSpan.FromHours(1), maxAttempts: 100), NullTraceSink.Instance);

            var error = await Assert.ThrowsAsync<WireScimException>(() => transport.SendAsync(Get(), CancellationToken.None));

            Assert.Equal(WireScimErrorKind.Unreachable, error.Kind);
            Assert.Equal(ErrorIds.Unreachable, error.ErrorId);
            Assert.Equal(ConnectionBreaker.FailuresToTrip, inner.Calls);
            Assert.Contains("none has been answered", error.Message);
            // Every later request of the command ends at once, without being sent.
            await Assert.ThrowsAsync<WireScimException>(() => transport.SendAsync(Get(), CancellationToken.None));
            Assert.Equal(ConnectionBreaker.FailuresToTrip, inner.Calls);
        }

        [Fact]
        public async Task A_request_held_behind_the_first_waits_no_longer_than_it_may()
        {
            var limiter = new RateLimiter(50, 5);
            Assert.Null(await limiter.AcquireAsync("/p", TimeSpan.Zero, CancellationToken.None));
            // The first is never answered (its own timeout bounds it); the one behind it goes once its budget is spent.
            var held = limiter.AcquireAsync("/p", TimeSpan.FromMilliseconds(200), CancellationToken.None);
            Assert.Same(held, await Task.WhenAny(held, Task.Delay(TimeSpan.FromSeconds(10))));
            Assert.Null(await held);
        }

        [Fact]
        public void After_an_answer_a_short_run_of_failures_does_not_trip_the_breaker()
        {
            var breaker = new ConnectionBreaker();
            var failure = new WireScimException(WireScimErrorKind.ConnectionFailed, ErrorIds.ConnectionFailed, "reset");
            breaker.Answered();
            for (int i = 0; i < 3 * ConnectionBreaker.FailuresToTrip; i++) Assert.Null(breaker.Failed(Get(), failure));
            Assert.False(breaker.Tripped.IsCancellationRequested);
        }

        [Fact]
        public void Without_any_answer_the_breaker_trips_on_the_last_failure_of_the_run_and_cancels_waits()
        {
            var breaker = new ConnectionBreaker();
            var failure = new WireScimException(WireScimErrorKind.ConnectionFailed, ErrorIds.ConnectionFailed, "refused");
            for (int i = 1; i < ConnectionBreaker.FailuresToTrip; i++) Assert.Null(breaker.Failed(Get(), failure));
            Assert.NotNull(breaker.Failed(Get(), failure));
            Assert.True(breaker.Tripped.IsCancellationRequested);
        }

        [Theory]
        [InlineData("\n", "a line break")]
        [InlineData("\r", "a line break")]
        [InlineData("\u00e9", "a non-ASCII character")]
        [InlineData(" ", "a space")]
        public async Task A_token_no_header_can_carry_fails_at_once_without_a_request(string bad, string what)
        {
            using var server = new RawHttpServer(exchange => exchange.RespondAsync(200, "{}"));
            var token = SecretText.Protect(TokenText + bad);
            var transport = new HttpTransport(HttpClientProvider.Create(2), TimeSpan.FromSeconds(20), NullTraceSink.Instance);

            var error = await Assert.ThrowsAsync<WireScimException>(() =>
                transport.SendAsync(new ScimRequest(HttpMethod.Get, server.UsersUri, null, token), CancellationToken.None));

            Assert.Equal(WireScimErrorKind.Unsendable, error.Kind);
            Assert.Equal(ErrorIds.InvalidToken, error.ErrorId);
            Assert.Contains(what, error.Message);
            Assert.Contains($"position {TokenText.Length + 1}", error.Message);
            Assert.DoesNotContain(TokenText, error.Message);
            Assert.Empty(server.Requests);
        }

        [Fact]
        public async Task Https_against_a_plain_http_server_fails_at_once_saying_so()
        {
            using var server = new RawHttpServer(exchange => exchange.RespondAsync(200, "{}"));
            var connection = new Connection(WireUri.Parse($"https://127.0.0.1:{server.Port}"), SecretText.Protect(TokenText)) { RequestsPerSecond = 0 };
            var client = UserSession.Open(connection, NullTraceSink.Instance, 2).Client;

            var error = await Assert.ThrowsAsync<WireScimException>(() => client.FindByUserNameAsync("alice", CancellationToken.None));

            Assert.Equal(WireScimErrorKind.ProtocolMismatch, error.Kind);
            Assert.Equal(ErrorIds.TlsFailed, error.ErrorId);
            Assert.Contains("TLS handshake", error.Message);
            Assert.Contains("plain http", error.Message);
            Assert.Equal(1, server.Connections);
        }
    }
}

using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using WireScim.Provisioning;
using WireScim.Scim;
using WireScim.Tests.TestServers;
using Xunit;

namespace WireScim.Tests.Units
{
    public class ResilientTransportTests
    {
        private static readonly Uri UsersUri = new Uri("https://wire.example.com/scim/v2/Users");
        private static readonly Uri UserUri = new Uri("https://wire.example.com/scim/v2/Users/" + TestUsers.AliceId);
        private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

        private static RetryPolicy FastPolicy(int maxAttempts = 4) => new RetryPolicy
        {
            MaxAttempts = maxAttempts,
            BaseDelay = TimeSpan.FromMilliseconds(1),
            MaxDelay = TimeSpan.FromMilliseconds(2),
            MaxRetryTime = TimeSpan.FromHours(2),
        };

        private static ResilientTransport Over(ScriptedTransport inner, RetryPolicy? policy = null, RateLimiter? limiter = null, ITraceSink? trace = null) =>
            new ResilientTransport(inner, limiter ?? new RateLimiter(0, 1), policy ?? FastPolicy(), trace ?? NullTraceSink.Instance);

        private static HttpMethod Method(string name) => name switch
        {
            "GET" => HttpMethod.Get,
            "POST" => HttpMethod.Post,
            "PUT" => HttpMethod.Put,
            "DELETE" => HttpMethod.Delete,
            _ => new HttpMethod(name),
        };

        private static ScimRequest Request(string method) =>
            new ScimRequest(Method(method), method == "POST" ? UsersUri : UserUri, method is "POST" or "PUT" ? new byte[] { (byte)'{', (byte)'}' } : null);

        [Theory]
        [InlineData("POST", 420)]
        [InlineData("POST", 429)]
        [InlineData("POST", 503)]
        [InlineData("GET", 420)]
        [InlineData("GET", 429)]
        [InlineData("GET", 503)]
        [InlineData("PUT", 503)]
        [InlineData("DELETE", 429)]
        public async Task Throttling_and_503_retried_for_every_method(string method, int status)
        {
            var inner = new ScriptedTransport().ThenRespond(status).ThenRespond(200, "ok");
            var response = await Over(inner).SendAsync(Request(method), CancellationToken.None);
            Assert.Equal(200, response.Status);
            Assert.Equal("ok", response.Body);
            Assert.Equal(2, inner.Calls);
        }

        [Theory]
        [InlineData("GET", 500)]
        [InlineData("GET", 502)]
        [InlineData("GET", 504)]
        [InlineData("PUT", 500)]
        [InlineData("PUT", 502)]
        [InlineData("DELETE", 504)]
        [InlineData("PATCH", 502)]
        public async Task Server_errors_retried_for_idempotent_methods(string method, int status)
        {
            var inner = new ScriptedTransport().ThenRespond(status).ThenRespond(200, "ok");
            var response = await Over(inner).SendAsync(Request(method), CancellationToken.None);
            Assert.Equal(200, response.Status);
            Assert.Equal(2, inner.Calls);
        }

        [Theory]
        [InlineData(500)]
        [InlineData(502)]
        [InlineData(504)]
        public async Task Server_errors_returned_to_POST_at_once(int status)
        {
            var inner = new ScriptedTransport().ThenRespond(status, "boom").ThenRespond(201, "created twice");
            var response = await Over(inner).SendAsync(Request("POST"), CancellationToken.None);
            Assert.Equal(status, response.Status);
            Assert.Equal("boom", response.Body);
            Assert.Equal(1, inner.Calls);
        }

        [Theory]
        [InlineData("POST")]
        [InlineData("GET")]
        [InlineData("PUT")]
        [InlineData("DELETE")]
        public async Task Connection_failures_retried_for_every_method(string method)
        {
            var inner = new ScriptedTransport().ThenFail(WireScimErrorKind.ConnectionFailed).ThenRespond(200, "ok");
            var response = await Over(inner).SendAsync(Request(method), CancellationToken.None);
            Assert.Equal(200, response.Status);
            Assert.Equal(2, inner.Calls);
        }

        [Theory]
        [InlineData("GET", WireScimErrorKind.OutcomeUnknown)]
        [InlineData("GET", WireScimErrorKind.Timeout)]
        [InlineData("PUT", WireScimErrorKind.OutcomeUnknown)]
        [InlineData("DELETE", WireScimErrorKind.Timeout)]
        public async Task Unknown_outcomes_retried_for_idempotent_methods(string method, WireScimErrorKind kind)
        {
            var inner = new ScriptedTransport().ThenFail(kind).ThenRespond(200, "ok");
            var response = await Over(inner).SendAsync(Request(method), CancellationToken.None);
            Assert.Equal(200, response.Status);
            Assert.Equal(2, inner.Calls);
        }

        [Theory]
        [InlineData(WireScimErrorKind.OutcomeUnknown)]
        [InlineData(WireScimErrorKind.Timeout)]
        public async Task Unknown_outcomes_of_POST_handed_back_at_once(WireScimErrorKind kind)
        {
            var inner = new ScriptedTransport().ThenFail(kind).ThenRespond(201, "created twice");
            var error = await Assert.ThrowsAsync<WireScimException>(() => Over(inner).SendAsync(Request("POST"), CancellationToken.None));
            Assert.Equal(kind, error.Kind);
            Assert.Equal(1, inner.Calls);
        }

        [Theory]
        [InlineData(WireScimErrorKind.InvalidRequest)]
        [InlineData(WireScimErrorKind.Redirect)]
        [InlineData(WireScimErrorKind.BadResponse)]
        public async Task Other_failures_not_retried(WireScimErrorKind kind)
        {
            var inner = new ScriptedTransport().ThenFail(kind).ThenRespond(200);
            var error = await Assert.ThrowsAsync<WireScimException>(() => Over(inner).SendAsync(Request("GET"), CancellationToken.None));
            Assert.Equal(kind, error.Kind);
            Assert.Equal(1, inner.Calls);
        }

        [Theory]
        [InlineData(503, "GET")]
        [InlineData(429, "POST")]
        [InlineData(500, "GET")]
        public async Task Gives_up_after_max_attempts_with_the_last_response(int status, string method)
        {
            var inner = new ScriptedTransport().ThenRespond(status, "1").ThenRespond(status, "2").ThenRespond(status, "3").ThenRespond(200, "never");
            var response = await Over(inner, FastPolicy(maxAttempts: 3)).SendAsync(Request(method), CancellationToken.None);
            Assert.Equal(status, response.Status);
            Assert.Equal("3", response.Body);
            Assert.Equal(3, inner.Calls);
        }

        [Fact]
        public async Task Gives_up_after_max_attempts_on_failures()
        {
            var inner = new ScriptedTransport()
                .ThenFail(WireScimErrorKind.ConnectionFailed).ThenFail(WireScimErrorKind.ConnectionFailed)
                .ThenFail(WireScimErrorKind.ConnectionFailed).ThenRespond(200);
            var error = await Assert.ThrowsAsync<WireScimException>(() => Over(inner, FastPolicy(maxAttempts: 3)).SendAsync(Request("GET"), CancellationToken.None));
            Assert.Equal(WireScimErrorKind.ConnectionFailed, error.Kind);
            Assert.Contains("3 attempts", error.Message);
            Assert.Equal(3, inner.Calls);
        }

        [Fact]
        public async Task One_attempt_means_no_retry()
        {
            var inner = new ScriptedTransport().ThenRespond(503).ThenRespond(200);
            var response = await Over(inner, FastPolicy(maxAttempts: 1)).SendAsync(Request("GET"), CancellationToken.None);
            Assert.Equal(503, response.Status);
            Assert.Equal(1, inner.Calls);
        }

        [Theory]
        [InlineData(400)]
        [InlineData(401)]
        [InlineData(403)]
        [InlineData(404)]
        [InlineData(409)]
        [InlineData(413)]
        [InlineData(200)]
        [InlineData(201)]
        [InlineData(204)]
        public async Task Other_statuses_returned_at_once(int status)
        {
            foreach (var method in new[] { "GET", "POST", "PUT", "DELETE" })
            {
                var inner = new ScriptedTransport().ThenRespond(status, "first").ThenRespond(200, "second");
                var response = await Over(inner).SendAsync(Request(method), CancellationToken.None);
                Assert.Equal(status, response.Status);
                Assert.Equal("first", response.Body);
                Assert.Equal(1, inner.Calls);
            }
        }

        [Fact]
        public async Task Retry_after_beyond_max_retry_time_ends_the_request_at_once_naming_the_delay()
        {
            var policy = FastPolicy();
            policy.MaxRetryTime = TimeSpan.FromMinutes(1);
            var inner = new ScriptedTransport().ThenRespond(503, "busy", TimeSpan.FromHours(1)).ThenRespond(200);
            var error = await Assert.ThrowsAsync<WireScimException>(() => Over(inner, policy).SendAsync(Request("GET"), CancellationToken.None));
            Assert.Equal(503, error.StatusCode);
            Assert.Contains("3600 s", error.Message);
            Assert.Equal(1, inner.Calls);
        }

        [Fact]
        public async Task Cancelling_during_backoff_wait_ends_promptly()
        {
            var inner = new ScriptedTransport().ThenRespond(503, "busy", TimeSpan.FromHours(1)).ThenRespond(200);
            using var cancel = new CancellationTokenSource();
            var sending = Over(inner).SendAsync(Request("GET"), cancel.Token);
            Assert.False(sending.IsCompleted);
            Assert.Equal(1, inner.Calls);
            cancel.Cancel();
            Assert.Same(sending, await Task.WhenAny(sending, Task.Delay(HangGuard)));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
            Assert.Equal(1, inner.Calls);
        }

        [Fact]
        public async Task Cancelling_during_throttle_pause_ends_promptly()
        {
            var limiter = new RateLimiter(1000, 10);
            var inner = new ScriptedTransport().ThenRespond(429, string.Empty, TimeSpan.FromHours(1)).ThenRespond(201);
            using var cancel = new CancellationTokenSource();
            var sending = Over(inner, limiter: limiter).SendAsync(Request("POST"), cancel.Token);
            Assert.False(sending.IsCompleted);
            Assert.True(limiter.CurrentRate(UsersUri.AbsolutePath) < 1000);
            cancel.Cancel();
            Assert.Same(sending, await Task.WhenAny(sending, Task.Delay(HangGuard)));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
            Assert.Equal(1, inner.Calls);
        }

        [Fact]
        public async Task Throttled_answer_honours_retry_after_even_with_rate_limiting_off()
        {
            // Connection.RequestsPerSecond = 0 turns client-side limiting off; a 420/429 must still not be
            // repeated before Retry-After has passed.
            var inner = new ScriptedTransport().ThenRespond(429, string.Empty, TimeSpan.FromHours(1)).ThenRespond(201, "sent again at once");
            using var cancel = new CancellationTokenSource();
            var sending = Over(inner, limiter: new RateLimiter(0, 1)).SendAsync(Request("POST"), cancel.Token);
            var completedBeforeCancel = sending.IsCompleted;
            cancel.Cancel();
            Assert.Same(sending, await Task.WhenAny(sending, Task.Delay(HangGuard)));
            Assert.False(completedBeforeCancel, $"the request was sent {inner.Calls} times without waiting for Retry-After");
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
            Assert.Equal(1, inner.Calls);
        }

        [Fact]
        public async Task Throttled_answers_slow_the_path_down()
        {
            var limiter = new RateLimiter(1000, 100);
            var inner = new ScriptedTransport().ThenRespond(429, string.Empty, TimeSpan.FromMilliseconds(1)).ThenRespond(200);
            var response = await Over(inner, limiter: limiter).SendAsync(Request("GET"), CancellationToken.None);
            Assert.Equal(200, response.Status);
            Assert.True(limiter.CurrentRate(UserUri.AbsolutePath) < 1000);
            Assert.Equal(1000, limiter.CurrentRate(UsersUri.AbsolutePath));
        }

        [Fact]
        public async Task Retries_resend_the_same_request()
        {
            var inner = new ScriptedTransport().ThenRespond(503).ThenFail(WireScimErrorKind.ConnectionFailed).ThenRespond(200);
            var request = Request("PUT");
            await Over(inner).SendAsync(request, CancellationToken.None);
            Assert.Equal(3, inner.Calls);
            Assert.All(inner.Requests, r => Assert.Same(request, r));
        }

        [Fact]
        public async Task Already_cancelled_token_stops_before_retrying()
        {
            var inner = new ScriptedTransport().ThenRespond(503).ThenRespond(200);
            using var cancel = new CancellationTokenSource();
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Over(inner).SendAsync(Request("GET"), cancel.Token));
            Assert.True(inner.Calls <= 1);
        }

        [Fact]
        public async Task Trace_mentions_retries()
        {
            var trace = new RecordingTrace();
            var inner = new ScriptedTransport().ThenRespond(503).ThenRespond(200);
            await Over(inner, trace: trace).SendAsync(Request("GET"), CancellationToken.None);
            Assert.Contains(trace.Lines, line => line.Contains("503") && line.Contains("attempt 2"));
        }
    }
}

using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using WireScim.Scim;
using WireScim.Tests.TestServers;
using Xunit;

namespace WireScim.Tests.Units
{
    /// <summary>HttpTransport against throw-away servers on 127.0.0.1; each test starts and stops its own.</summary>
    public class HttpTransportTests
    {
        private const string TokenText = "q3Zs+0Yh/Lr7mW2pXc9eKd4uTb1oNf6gHj8iRk5lMvA=";
        private static readonly TimeSpan NormalTimeout = TimeSpan.FromSeconds(20);
        private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

        private static HttpTransport Transport(TimeSpan? timeout = null, ITraceSink? trace = null) =>
            new HttpTransport(HttpClientProvider.Create(4), timeout ?? NormalTimeout, trace ?? NullTraceSink.Instance);

        private static ScimRequest Get(Uri uri) => new ScimRequest(HttpMethod.Get, uri, null, SecretText.Protect(TokenText));

        private static ScimRequest Post(Uri uri) =>
            new ScimRequest(HttpMethod.Post, uri, Encoding.UTF8.GetBytes("{\"userName\":\"alice\"}"), SecretText.Protect(TokenText));

        [Fact]
        public async Task Sends_bearer_token_and_accept_and_returns_the_answer()
        {
            using var server = new RawHttpServer(exchange => exchange.RespondAsync(200, TestUsers.Json(TestUsers.AliceId, "alice", "a@example.com"),
                "Content-Type: application/scim+json;charset=utf-8"));
            var trace = new RecordingTrace();
            var response = await Transport(trace: trace).SendAsync(Get(new Uri(server.UsersUri + "/" + TestUsers.AliceId)), CancellationToken.None);
            Assert.Equal(200, response.Status);
            Assert.Contains("application/scim+json", response.ContentType);
            Assert.Contains(TestUsers.AliceId, response.Body);
            Assert.Null(response.RetryAfter);
            var request = Assert.Single(server.Requests);
            Assert.Equal("GET", request.Method);
            Assert.Equal("/scim/v2/Users/" + TestUsers.AliceId, request.Target);
            Assert.Equal("Bearer " + TokenText, request.Header("Authorization"));
            Assert.Contains("application/scim+json", request.Header("Accept"));
            Assert.NotEmpty(trace.Lines);
            Assert.All(trace.Lines, line => Assert.DoesNotContain(TokenText, line));
        }

        [Fact]
        public async Task Post_sends_body_with_scim_content_type()
        {
            using var server = new RawHttpServer(exchange => exchange.RespondAsync(201, "{}"));
            var response = await Transport().SendAsync(Post(server.UsersUri), CancellationToken.None);
            Assert.Equal(201, response.Status);
            var request = Assert.Single(server.Requests);
            Assert.Equal("POST", request.Method);
            Assert.Equal("{\"userName\":\"alice\"}", Encoding.UTF8.GetString(request.Body));
            Assert.StartsWith("application/scim+json", request.Header("Content-Type"));
        }

        [Fact]
        public async Task Error_statuses_are_answers_not_exceptions()
        {
            using var server = new RawHttpServer(exchange => exchange.RespondAsync(409, TestUsers.ScimError(409, "uniqueness", "userName is already taken")));
            var response = await Transport().SendAsync(Post(server.UsersUri), CancellationToken.None);
            Assert.Equal(409, response.Status);
            Assert.Contains("userName is already taken", response.Body);
        }

        [Fact]
        public async Task Retry_after_in_seconds()
        {
            using var server = new RawHttpServer(exchange => exchange.RespondAsync(429, string.Empty, "Retry-After: 120"));
            var response = await Transport().SendAsync(Get(server.UsersUri), CancellationToken.None);
            Assert.Equal(429, response.Status);
            Assert.Equal(TimeSpan.FromSeconds(120), response.RetryAfter);
        }

        [Fact]
        public async Task Retry_after_as_http_date()
        {
            var date = DateTimeOffset.UtcNow.AddHours(1).ToString("R", CultureInfo.InvariantCulture);
            using var server = new RawHttpServer(exchange => exchange.RespondAsync(503, string.Empty, "Retry-After: " + date));
            var response = await Transport().SendAsync(Get(server.UsersUri), CancellationToken.None);
            Assert.Equal(503, response.Status);
            Assert.NotNull(response.RetryAfter);
            Assert.InRange(response.RetryAfter!.Value, TimeSpan.FromMinutes(55), TimeSpan.FromMinutes(61));
        }

        [Fact]
        public async Task Retry_after_date_in_the_past_is_zero()
        {
            using var server = new RawHttpServer(exchange => exchange.RespondAsync(420, string.Empty, "Retry-After: Wed, 21 Oct 2015 07:28:00 GMT"));
            var response = await Transport().SendAsync(Get(server.UsersUri), CancellationToken.None);
            Assert.Equal(420, response.Status);
            Assert.Equal(TimeSpan.Zero, response.RetryAfter);
        }

        [Fact]
        public async Task Redirect_to_another_host_is_refused_and_not_followed()
        {
            // "localhost" is the same machine and port, but another host than 127.0.0.1: the token must not go there.
            RawHttpServer? server = null;
            server = new RawHttpServer(exchange => exchange.RespondAsync(307, string.Empty, $"Location: http://localhost:{server!.Port}/scim/v2/Users"));
            using (server)
            {
                var error = await Assert.ThrowsAsync<WireScimException>(() => Transport().SendAsync(Get(server.UsersUri), CancellationToken.None));
                Assert.Equal(WireScimErrorKind.Redirect, error.Kind);
                Assert.Equal("WireScim.RedirectRefused", error.ErrorId);
                Assert.Equal(307, error.StatusCode);
                Assert.Contains("localhost", error.Message);
                Assert.DoesNotContain(TokenText, error.Message);
                Assert.Single(server.Requests);
            }
        }

        [Fact]
        public async Task Redirect_to_another_port_is_refused_and_authorization_never_sent_there()
        {
            using var elsewhere = new RawHttpServer(exchange => exchange.RespondAsync(200, "{}"));
            using var server = new RawHttpServer(exchange => exchange.RespondAsync(302, string.Empty, $"Location: {elsewhere.UsersUri}"));
            var error = await Assert.ThrowsAsync<WireScimException>(() => Transport().SendAsync(Post(server.UsersUri), CancellationToken.None));
            Assert.Equal(WireScimErrorKind.Redirect, error.Kind);
            Assert.Equal(0, elsewhere.Connections);
            Assert.Empty(elsewhere.Requests);
        }

        [Fact]
        public async Task Redirect_to_https_elsewhere_is_refused()
        {
            using var server = new RawHttpServer(exchange => exchange.RespondAsync(301, string.Empty, "Location: https://attacker.example.net/scim/v2/Users"));
            var error = await Assert.ThrowsAsync<WireScimException>(() => Transport().SendAsync(Get(server.UsersUri), CancellationToken.None));
            Assert.Equal(WireScimErrorKind.Redirect, error.Kind);
            Assert.Contains("attacker.example.net", error.Message);
        }

        [Fact]
        public async Task Redirect_on_same_host_and_port_is_followed_with_the_token()
        {
            using var server = new RawHttpServer(exchange => exchange.Request.Target == "/scim/v2/Users/moved"
                ? exchange.RespondAsync(200, "{\"here\":true}")
                : exchange.RespondAsync(308, string.Empty, "Location: /scim/v2/Users/moved"));
            var response = await Transport().SendAsync(Get(server.UsersUri), CancellationToken.None);
            Assert.Equal(200, response.Status);
            Assert.Equal("{\"here\":true}", response.Body);
            var requests = server.Requests;
            Assert.Equal(2, requests.Count);
            Assert.Equal("/scim/v2/Users", requests[0].Target);
            Assert.Equal("/scim/v2/Users/moved", requests[1].Target);
            Assert.Equal("Bearer " + TokenText, requests[1].Header("Authorization"));
        }

        [Fact]
        public async Task Redirect_loop_stops()
        {
            using var server = new RawHttpServer(exchange => exchange.RespondAsync(302, string.Empty, "Location: /scim/v2/Users"));
            var error = await Assert.ThrowsAsync<WireScimException>(() => Transport().SendAsync(Get(server.UsersUri), CancellationToken.None));
            Assert.Equal(WireScimErrorKind.Redirect, error.Kind);
            Assert.InRange(server.Requests.Count, 2, 10);
        }

        [Fact]
        public async Task Body_of_exactly_one_mebibyte_is_read()
        {
            var body = Encoding.ASCII.GetBytes(new string('x', HttpTransport.MaxResponseBytes));
            using var server = new RawHttpServer(exchange => exchange.RespondAsync(200, body));
            var response = await Transport().SendAsync(Get(server.UsersUri), CancellationToken.None);
            Assert.Equal(HttpTransport.MaxResponseBytes, response.Body.Length);
        }

        [Fact]
        public async Task Body_over_one_mebibyte_stops_with_ResponseTooLarge()
        {
            var body = Encoding.ASCII.GetBytes(new string('x', HttpTransport.MaxResponseBytes + 1));
            using var server = new RawHttpServer(exchange => exchange.RespondAsync(200, body));
            var error = await Assert.ThrowsAsync<WireScimException>(() => Transport().SendAsync(Get(server.UsersUri), CancellationToken.None));
            Assert.Equal("WireScim.ResponseTooLarge", error.ErrorId);
            Assert.Equal(WireScimErrorKind.BadResponse, error.Kind);
            Assert.Equal(200, error.StatusCode);
        }

        [Fact]
        public async Task Huge_error_body_stops_with_ResponseTooLarge()
        {
            var body = new byte[3 * HttpTransport.MaxResponseBytes];
            using var server = new RawHttpServer(exchange => exchange.RespondAsync(500, body));
            var error = await Assert.ThrowsAsync<WireScimException>(() => Transport().SendAsync(Post(server.UsersUri), CancellationToken.None));
            Assert.Equal("WireScim.ResponseTooLarge", error.ErrorId);
            Assert.Equal(500, error.StatusCode);
        }

        [Fact]
        public async Task Server_that_never_answers_times_out()
        {
            using var server = new RawHttpServer(exchange => exchange.HangAsync());
            var sending = Transport(TimeSpan.FromMilliseconds(300)).SendAsync(Get(server.UsersUri), CancellationToken.None);
            Assert.Same(sending, await Task.WhenAny(sending, Task.Delay(HangGuard)));
            var error = await Assert.ThrowsAsync<WireScimException>(() => sending);
            Assert.Equal(WireScimErrorKind.Timeout, error.Kind);
            Assert.Equal("WireScim.Timeout", error.ErrorId);
            Assert.Null(error.StatusCode);
            Assert.Contains("GET", error.Message);
        }

        [Fact]
        public async Task Post_that_is_never_answered_has_unknown_outcome()
        {
            using var server = new RawHttpServer(exchange => exchange.HangAsync());
            var error = await Assert.ThrowsAsync<WireScimException>(() => Transport(TimeSpan.FromMilliseconds(300)).SendAsync(Post(server.UsersUri), CancellationToken.None));
            Assert.Equal(WireScimErrorKind.OutcomeUnknown, error.Kind);
            Assert.Single(server.Requests);
        }

        [Fact]
        public async Task Post_reset_after_sending_has_unknown_outcome()
        {
            using var server = new RawHttpServer(exchange => exchange.ResetAsync());
            var error = await Assert.ThrowsAsync<WireScimException>(() => Transport().SendAsync(Post(server.UsersUri), CancellationToken.None));
            Assert.Equal(WireScimErrorKind.OutcomeUnknown, error.Kind);
            Assert.Single(server.Requests);
            Assert.DoesNotContain(TokenText, error.Message);
        }

        [Fact]
        public async Task Get_reset_is_a_connection_failure()
        {
            using var server = new RawHttpServer(exchange => exchange.ResetAsync());
            var error = await Assert.ThrowsAsync<WireScimException>(() => Transport().SendAsync(Get(server.UsersUri), CancellationToken.None));
            Assert.Equal(WireScimErrorKind.ConnectionFailed, error.Kind);
            Assert.True(error.IsTransient);
        }

        [Fact]
        public async Task Post_to_a_closed_port_is_a_connection_failure_not_an_unknown_outcome()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            int port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var error = await Assert.ThrowsAsync<WireScimException>(() =>
                Transport().SendAsync(Post(new Uri($"http://127.0.0.1:{port}/scim/v2/Users")), CancellationToken.None));
            Assert.Equal(WireScimErrorKind.ConnectionFailed, error.Kind);
        }

        [Fact]
        public async Task Caller_cancellation_is_not_a_timeout()
        {
            using var server = new RawHttpServer(exchange => exchange.HangAsync());
            using var cancel = new CancellationTokenSource();
            var sending = Transport().SendAsync(Get(server.UsersUri), cancel.Token);
            Assert.False(sending.IsCompleted);
            cancel.Cancel();
            Assert.Same(sending, await Task.WhenAny(sending, Task.Delay(HangGuard)));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        }

        [Fact]
        public async Task Utf8_body_decoded()
        {
            using var server = new RawHttpServer(exchange => exchange.RespondAsync(200, "{\"displayName\":\"J\u00fcrgen \U0001F600\"}", "Content-Type: application/scim+json;charset=utf-8"));
            var response = await Transport().SendAsync(Get(server.UsersUri), CancellationToken.None);
            Assert.Contains("J\u00fcrgen \U0001F600", response.Body);
        }
    }
}

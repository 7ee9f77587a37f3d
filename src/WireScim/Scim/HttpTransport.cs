using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace WireScim.Scim
{
    /// <summary>The HTTP leg: headers, timeouts, capped reads, same-host redirects and a secret-free trace.</summary>
    internal sealed class HttpTransport : IScimTransport
    {
        public const int MaxResponseBytes = 1024 * 1024;
        private const int MaxRedirects = 5;
        private readonly HttpClient _http;
        private readonly TimeSpan _timeout;
        private readonly ITraceSink _trace;

        public HttpTransport(HttpClient http, TimeSpan timeout, ITraceSink trace)
        {
            _http = http;
            _timeout = timeout;
            _trace = trace;
        }

        public async Task<ScimResponse> SendAsync(ScimRequest request, CancellationToken cancellationToken)
        {
            var current = request;
            for (int hop = 0; ; hop++)
            {
                var response = await SendOnceAsync(current, cancellationToken).ConfigureAwait(false);
                if (response.Answer.Status < 300 || response.Answer.Status >= 400 || response.Location == null) return response.Answer;
                var target = new Uri(current.Uri, response.Location);
                if (hop >= MaxRedirects)
                    throw Redirect(response.Answer.Status, target, "too many redirects");
                if (!IsSameOrigin(request.Uri, target))
                    throw Redirect(response.Answer.Status, target, "it leads to another host or scheme, and the token is never sent there");
                if (!string.Equals(target.Scheme, "https", StringComparison.OrdinalIgnoreCase) && !WireUri.IsLoopback(target))
                    throw Redirect(response.Answer.Status, target, "it is not HTTPS");
                _trace.Debug($"Following {response.Answer.Status} redirect to {target.GetLeftPart(UriPartial.Path)}");
                current = new ScimRequest(request.Method, target, request.Body, request.Bearer) { ContentType = request.ContentType };
            }
        }

        private static bool IsSameOrigin(Uri original, Uri target) =>
            string.Equals(original.Host, target.Host, StringComparison.OrdinalIgnoreCase)
            && original.Port == target.Port
            && (string.Equals(original.Scheme, target.Scheme, StringComparison.OrdinalIgnoreCase)
                || string.Equals(target.Scheme, "https", StringComparison.OrdinalIgnoreCase));

        private static WireScimException Redirect(int status, Uri target, string reason) =>
            new WireScimException(WireScimErrorKind.Redirect, ErrorIds.RedirectRefused,
                $"Wire answered {status} {ScimErrorReader.ReasonPhrase(status)} redirecting to {target.Scheme}://{target.Authority}{target.AbsolutePath}; not followed because {reason}. Check the -Uri of the connection.")
            { StatusCode = status };

        private async Task<(ScimResponse Answer, Uri? Location)> SendOnceAsync(ScimRequest request, CancellationToken cancellationToken)
        {
            using var message = new HttpRequestMessage(request.Method, request.Uri);
            message.Headers.Accept.ParseAdd("application/scim+json");
            message.Headers.Accept.ParseAdd("application/json");
            if (request.Bearer != null)
            {
                var bearer = SecretText.Reveal(request.Bearer);
                if (SecretText.WhyNotSendable(bearer) is string problem)
                    throw new WireScimException(WireScimErrorKind.Unsendable, ErrorIds.InvalidToken, $"{request}: not sent. {problem}");
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            }
            if (request.Body != null)
            {
                message.Content = new ByteArrayContent(request.Body);
                message.Content.Headers.ContentType = new MediaTypeHeaderValue(request.ContentType) { CharSet = "utf-8" };
            }

            using var timeout = new CancellationTokenSource(_timeout);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            var clock = Stopwatch.StartNew();
            _trace.Debug($"{request} Authorization: {(request.Bearer != null ? "Bearer ***" : "(none)")}{(request.Body != null ? $", {request.Body.Length} bytes" : string.Empty)}");
            HttpResponseMessage? response = null;
            bool sent = false;
            try
            {
                response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
                sent = true;
                using var registration = linked.Token.Register(() => response.Dispose());
                var body = await ReadCappedAsync(response, request, linked.Token).ConfigureAwait(false);
                var answer = new ScimResponse((int)response.StatusCode, response.Content?.Headers.ContentType?.ToString(), body, RetryAfterOf(response)) { Request = request };
                _trace.Debug($"{request} -> {answer.Status} {ScimErrorReader.ReasonPhrase(answer.Status)} in {clock.ElapsedMilliseconds} ms, {body.Length} chars");
                return (answer, response.Headers.Location);
            }
            catch (Exception error) when (error is HttpRequestException or IOException or OperationCanceledException or ObjectDisposedException or SocketException)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw TransportFailure(request, error, timeout.IsCancellationRequested, sent, clock.Elapsed);
            }
            finally
            {
                response?.Dispose();
            }
        }

        private WireScimException TransportFailure(ScimRequest request, Exception error, bool timedOut, bool answered, TimeSpan elapsed)
        {
            if (!timedOut && IsTlsFailure(error))
            {
                _trace.Debug($"{request} -> TLS handshake failed after {elapsed.TotalMilliseconds:0} ms");
                return new WireScimException(WireScimErrorKind.ProtocolMismatch, ErrorIds.TlsFailed,
                    $"{request.Method} {request.Uri.GetLeftPart(UriPartial.Path)}: the TLS handshake with {request.Uri.Authority} failed ({SafeText.Sanitise(Innermost(error).Message, 160)}). "
                    + "The server does not answer HTTPS there (does it speak plain http on this port?) or its certificate is not trusted: check the -Uri of Connect-WireScim.", error);
            }
            bool refused = FindSocketError(error) is SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.NoData;
            var kind = timedOut ? WireScimErrorKind.Timeout : WireScimErrorKind.ConnectionFailed;
            // A write that may have reached the server has an unknown outcome; callers must check before repeating it.
            if (!request.IsIdempotent && !refused) kind = WireScimErrorKind.OutcomeUnknown;
            var what = timedOut
                ? $"no complete answer within {_timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s"
                : answered ? "the connection broke while reading the answer" : $"the connection failed ({SafeText.Sanitise(Innermost(error).Message, 160)})";
            _trace.Debug($"{request} -> {what} after {elapsed.TotalMilliseconds:0} ms");
            return new WireScimException(kind, timedOut ? ErrorIds.Timeout : ErrorIds.ConnectionFailed,
                $"{request.Method} {request.Uri.GetLeftPart(UriPartial.Path)}: {what}.", error);
        }

        /// <summary>
        /// A failed TLS handshake: an AuthenticationException in the chain, or (.NET 8 and later) an HttpRequestException
        /// whose HttpRequestError says so. netstandard2.0 has no such property, so it is read by name.
        /// </summary>
        private static bool IsTlsFailure(Exception? error)
        {
            for (; error != null; error = error.InnerException)
            {
                if (error is System.Security.Authentication.AuthenticationException) return true;
                if (error is HttpRequestException && error.GetType().GetProperty("HttpRequestError")?.GetValue(error)?.ToString() == "SecureConnectionError") return true;
            }
            return false;
        }

        private static Exception Innermost(Exception error)
        {
            while (error.InnerException != null) error = error.InnerException;
            return error;
        }

        private static SocketError? FindSocketError(Exception? error)
        {
            for (; error != null; error = error.InnerException)
                if (error is SocketException socket) return socket.SocketErrorCode;
            return null;
        }

        private static async Task<string> ReadCappedAsync(HttpResponseMessage response, ScimRequest request, CancellationToken cancellationToken)
        {
            if (response.Content == null) return string.Empty;
            using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            while (true)
            {
                int read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false);
                if (read == 0) break;
                if (buffer.Length + read > MaxResponseBytes)
                    throw new WireScimException(WireScimErrorKind.BadResponse, ErrorIds.ResponseTooLarge,
                        $"Wire answered {(int)response.StatusCode} {ScimErrorReader.ReasonPhrase((int)response.StatusCode)} with a body over {MaxResponseBytes / 1024} KiB; reading stopped there (request: {request}).")
                    { StatusCode = (int)response.StatusCode };
                buffer.Write(chunk, 0, read);
            }
            return new UTF8Encoding(false).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }

        internal static TimeSpan? RetryAfterOf(HttpResponseMessage response)
        {
            var header = response.Headers.RetryAfter;
            if (header == null) return null;
            if (header.Delta is TimeSpan delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
            if (header.Date is DateTimeOffset date)
            {
                var wait = date - DateTimeOffset.UtcNow;
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }
            return null;
        }
    }
}

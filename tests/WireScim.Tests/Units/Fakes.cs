using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using WireScim.Scim;

namespace WireScim.Tests.Units
{
    /// <summary>An IScimTransport that plays a fixed script of answers and failures and records every request.</summary>
    internal sealed class ScriptedTransport : IScimTransport
    {
        private readonly Queue<Func<ScimRequest, ScimResponse>> _script = new Queue<Func<ScimRequest, ScimResponse>>();
        private readonly List<ScimRequest> _requests = new List<ScimRequest>();

        public IReadOnlyList<ScimRequest> Requests { get { lock (_requests) return _requests.ToArray(); } }
        public int Calls { get { lock (_requests) return _requests.Count; } }

        public ScriptedTransport Then(Func<ScimRequest, ScimResponse> step) { _script.Enqueue(step); return this; }

        public ScriptedTransport ThenRespond(int status, string body = "", TimeSpan? retryAfter = null, string contentType = "application/scim+json;charset=utf-8") =>
            Then(_ => new ScimResponse(status, contentType, body, retryAfter));

        public ScriptedTransport ThenFail(WireScimErrorKind kind) =>
            Then(request => throw new WireScimException(kind, "WireScim.Test" + kind, $"{request.Method} failed ({kind})."));

        public Task<ScimResponse> SendAsync(ScimRequest request, CancellationToken cancellationToken)
        {
            Func<ScimRequest, ScimResponse> step;
            lock (_requests)
            {
                _requests.Add(request);
                if (_script.Count == 0) return Task.FromException<ScimResponse>(new InvalidOperationException($"Script exhausted at call {_requests.Count}: {request}"));
                step = _script.Dequeue();
            }
            try
            {
                return Task.FromResult(step(request));
            }
            catch (Exception error)
            {
                return Task.FromException<ScimResponse>(error);
            }
        }
    }

    internal sealed class RecordingTrace : ITraceSink
    {
        private readonly ConcurrentQueue<string> _lines = new ConcurrentQueue<string>();
        public IReadOnlyCollection<string> Lines => _lines.ToArray();
        public void Debug(string message) => _lines.Enqueue(message);
        public void Verbose(string message) => _lines.Enqueue(message);
        public void Warning(string message) => _lines.Enqueue(message);
    }
}

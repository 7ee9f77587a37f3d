using System.Threading;
using System.Threading.Tasks;

namespace WireScim.Scim
{
    /// <summary>Sends one request and returns the answer, whatever its status; throws only when no answer came.</summary>
    internal interface IScimTransport
    {
        Task<ScimResponse> SendAsync(ScimRequest request, CancellationToken cancellationToken);
    }

    /// <summary>Receives diagnostic lines (already free of secrets) for -Debug and -Verbose.</summary>
    internal interface ITraceSink
    {
        void Debug(string message);
    }

    internal sealed class NullTraceSink : ITraceSink
    {
        public static readonly NullTraceSink Instance = new NullTraceSink();
        public void Debug(string message) { }
    }
}

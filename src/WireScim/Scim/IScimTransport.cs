using System.Threading;
using System.Threading.Tasks;

namespace WireScim.Scim
{
    /// <summary>Sends one request and returns the answer, whatever its status; throws only when no answer came.</summary>
    internal interface IScimTransport
    {
        Task<ScimResponse> SendAsync(ScimRequest request, CancellationToken cancellationToken);
    }
}

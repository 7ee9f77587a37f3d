using System;
using System.Net.Http;
using System.Security;

namespace WireScim.Scim
{
    /// <summary>One request to Wire. The bearer secret stays a SecureString until the header is written.</summary>
    internal sealed class ScimRequest
    {
        public ScimRequest(HttpMethod method, Uri uri, byte[]? body = null, SecureString? bearer = null)
        {
            Method = method;
            Uri = uri;
            Body = body;
            Bearer = bearer;
        }

        public HttpMethod Method { get; }
        public Uri Uri { get; }
        public byte[]? Body { get; }
        public SecureString? Bearer { get; }

        /// <summary>Media type of the body: SCIM requests use application/scim+json, the Wire API application/json.</summary>
        public string ContentType { get; init; } = "application/scim+json";

        /// <summary>Whether sending it twice has the same effect as once (everything but POST here).</summary>
        public bool IsIdempotent => Method != HttpMethod.Post;

        /// <summary>The rate-limit key Wire's nginz uses: the path without query.</summary>
        public string Path => Uri.AbsolutePath;

        public override string ToString() => $"{Method} {Uri.GetLeftPart(UriPartial.Path)}";
    }
}

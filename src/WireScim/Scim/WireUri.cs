using System;
using System.Net;

namespace WireScim.Scim
{
    /// <summary>Normalises what admins type as the Wire address into the host base and the SCIM base.</summary>
    internal sealed class WireUri
    {
        private WireUri(Uri host)
        {
            Host = host;
            Scim = new Uri(host, "scim/v2/");
        }

        /// <summary>The API host, ending in '/': login, api-version and the token API live here.</summary>
        public Uri Host { get; }

        /// <summary>The SCIM base, ending in '/scim/v2/'.</summary>
        public Uri Scim { get; }

        /// <summary>Accepts https://host, https://host/scim and https://host/scim/v2 (with or without a trailing slash).</summary>
        /// <exception cref="ArgumentException">Not an absolute http(s) address, or plain http to a host that is not loopback.</exception>
        public static WireUri Parse(string text)
        {
            if (string.IsNullOrWhiteSpace(text)) throw new ArgumentException("The Wire address is empty. Give it as https://<host>, for example https://prod-nginz-https.wire.com.");
            text = text.Trim();
            if (!text.Contains("://")) text = "https://" + text;
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
                throw new ArgumentException($"'{text}' is not a valid Wire address. Give it as https://<host>, https://<host>/scim or https://<host>/scim/v2.");
            if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
                throw new ArgumentException($"'{uri.GetLeftPart(UriPartial.Authority)}' uses plain http. The token would cross the network unencrypted: use https (plain http is accepted only for loopback addresses such as a local emulator).");
            if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
                throw new ArgumentException($"'{text}' has a query or fragment. Give only the address, like https://<host>/scim/v2.");
            var path = uri.AbsolutePath.TrimEnd('/');
            foreach (var suffix in new[] { "/scim/v2", "/scim" })
                if (path.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) { path = path.Substring(0, path.Length - suffix.Length); break; }
            var host = new UriBuilder(uri.Scheme, uri.Host, uri.Port, path + "/").Uri;
            return new WireUri(host);
        }

        public static bool IsLoopback(Uri uri)
        {
            if (string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
            var host = uri.Host.Trim('[', ']');
            return IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
        }

        public override string ToString() => Scim.ToString().TrimEnd('/');
    }
}

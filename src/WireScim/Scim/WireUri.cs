using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.RegularExpressions;

namespace WireScim.Scim
{
    /// <summary>Normalises what admins type or paste as the Wire address into the host base and the SCIM base.</summary>
    internal sealed class WireUri
    {
        private static readonly char[] PathSeparator = { '/' };
        private static readonly string[] ScimEndpoints = { "Users", "Groups", "ServiceProviderConfig", "Schemas", "ResourceTypes" };

        private static readonly Regex ApiVersionSegment = new Regex("^v[0-9]+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex UserInfo = new Regex("(://)[^/@]*@", RegexOptions.CultureInvariant);

        private WireUri(Uri host, string? note)
        {
            Host = host;
            Scim = new Uri(host, "scim/v2/");
            Note = note;
        }

        /// <summary>The API host, ending in '/': login, api-version and the token API live here.</summary>
        public Uri Host { get; }

        /// <summary>The SCIM base, ending in '/scim/v2/'.</summary>
        public Uri Scim { get; }

        /// <summary>What was dropped from a pasted address (a resource path such as /Users, an API version prefix), or null.</summary>
        public string? Note { get; }

        /// <summary>
        /// Accepts https://host, https://host/scim and https://host/scim/v2 (with or without a trailing slash), and
        /// addresses copied from other tools: a resource path after /scim/v2 (/Users, /Users/{id}, /Groups, ...) or
        /// the token API's /scim/auth-tokens is dropped, as is an API version prefix (/v8/scim/v2). Refused, with a
        /// message that never repeats what could be a secret: SCIM versions other than 2 (/scim/v1), user info
        /// (https://user:password@host), a query or fragment, and plain http to a host that is not loopback.
        /// </summary>
        /// <exception cref="ArgumentException">The address cannot be Wire's, with what to give instead.</exception>
        public static WireUri Parse(string text)
        {
            if (string.IsNullOrWhiteSpace(text)) throw new ArgumentException("The Wire address is empty. Give it as https://<host>, for example https://prod-nginz-https.wire.com.");
            text = text.Trim();
            if (!text.Contains("://")) text = "https://" + text;
            var shown = UserInfo.Replace(text, "$1");
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || string.IsNullOrEmpty(uri.Host))
                throw new ArgumentException($"'{SafeText.Sanitise(shown, 200)}' is not a valid Wire address. Give it as https://<host>, https://<host>/scim or https://<host>/scim/v2.");
            var origin = $"{uri.Scheme}://{uri.Authority}";
            if (!string.IsNullOrEmpty(uri.UserInfo))
                throw new ArgumentException($"The Wire address holds a user name or password before '@'. Wire's SCIM API takes only the token (-Token), and a password in an address ends up in logs: give the address without it, like {origin}/scim/v2.");
            if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
                throw new ArgumentException($"The Wire address '{origin}{uri.AbsolutePath}' is followed by a query ('?...') or fragment ('#...'). Give only the address, like {origin}/scim/v2.");
            if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
                throw new ArgumentException($"'{origin}' uses plain http. The token would cross the network unencrypted: use https (plain http is accepted only for loopback addresses such as a local emulator).");
            var (prefix, note) = BasePath(uri, origin);
            var host = new UriBuilder(uri.Scheme, uri.Host, uri.Port, prefix + "/").Uri;
            return new WireUri(host, note);
        }

        /// <summary>The path before /scim (no trailing slash), and a note when more than /scim or /scim/v2 followed it.</summary>
        private static (string Prefix, string? Note) BasePath(Uri uri, string origin)
        {
            var segments = uri.AbsolutePath.Split(PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToList();
            int scim = segments.FindLastIndex(s => s.Equals("scim", StringComparison.OrdinalIgnoreCase));
            var dropped = new List<string>();
            if (scim < 0)
            {
                if (segments.Count > 0 && IsResourceName(segments[segments.Count - 1]))
                    throw new ArgumentException($"'{origin}{uri.AbsolutePath}' looks like a SCIM resource address without Wire's /scim/v2. Wire serves SCIM at {origin}/scim/v2: give that (the module adds /Users itself).");
            }
            else
            {
                var rest = segments.Skip(scim + 1).ToList();
                if (rest.Count > 0 && rest[0].Equals("auth-tokens", StringComparison.OrdinalIgnoreCase))
                    dropped.Add("/" + string.Join("/", rest));
                else if (rest.Count > 0 && ApiVersionSegment.IsMatch(rest[0]) && !rest[0].Equals("v2", StringComparison.OrdinalIgnoreCase))
                    throw new ArgumentException($"'{origin}{uri.AbsolutePath}' names SCIM {rest[0]}; Wire serves SCIM 2.0 only, at /scim/v2. Give {origin}{Join(segments.Take(scim))}/scim/v2.");
                else if (rest.Count > 0 && !rest[0].Equals("v2", StringComparison.OrdinalIgnoreCase))
                    throw new ArgumentException($"'{origin}{uri.AbsolutePath}' has '{rest[0]}' after /scim where Wire has /v2. Give {origin}{Join(segments.Take(scim))}/scim/v2 (the module adds /Users itself).");
                else if (rest.Count > 1)
                    dropped.Add("/" + string.Join("/", rest.Skip(1)));
                segments = segments.Take(scim).ToList();
                // nginz routes /v8/scim/... too; the module picks the API version itself where it matters (the token API).
                if (segments.Count > 0 && ApiVersionSegment.IsMatch(segments[segments.Count - 1]))
                {
                    dropped.Insert(0, $"the API version prefix /{segments[segments.Count - 1]}");
                    segments.RemoveAt(segments.Count - 1);
                }
            }
            var prefix = Join(segments);
            string? note = dropped.Count == 0 ? null
                : $"Using {origin}{prefix}/scim/v2: dropped {string.Join(" and ", dropped)} from the address given (the module adds resource paths and API versions itself).";
            return (prefix, note);
        }

        private static bool IsResourceName(string segment) =>
            ScimEndpoints.Contains(segment, StringComparer.OrdinalIgnoreCase);

        private static string Join(IEnumerable<string> segments)
        {
            var path = string.Join("/", segments.Select(Uri.EscapeDataString));
            return path.Length == 0 ? string.Empty : "/" + path;
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

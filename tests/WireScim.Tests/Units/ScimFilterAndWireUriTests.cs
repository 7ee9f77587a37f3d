using System;
using System.Linq;
using System.Text.Json;
using WireScim.Scim;
using Xunit;

namespace WireScim.Tests.Units
{
    public class ScimFilterTests
    {
        /// <summary>Decodes the query as a server does and returns the attribute and the string the literal stands for.</summary>
        private static (string Attribute, string Value) Decode(string query)
        {
            Assert.StartsWith("filter=", query);
            var filter = Uri.UnescapeDataString(query.Substring("filter=".Length));
            var parts = filter.Split(new[] { " eq " }, 2, StringSplitOptions.None);
            Assert.Equal(2, parts.Length);
            Assert.StartsWith("\"", parts[1]);
            Assert.EndsWith("\"", parts[1]);
            return (parts[0], JsonSerializer.Deserialize<string>(parts[1])!);
        }

        private static void AssertSafeQuery(string query)
        {
            var encoded = query.Substring("filter=".Length);
            Assert.DoesNotContain("+", encoded);
            Assert.DoesNotContain(" ", encoded);
            Assert.DoesNotContain("\"", encoded);
            Assert.DoesNotContain("&", encoded);
            Assert.DoesNotContain("#", encoded);
            Assert.All(encoded, c => Assert.True(c < 128, $"non-ASCII character U+{(int)c:X4} in query"));
        }

        [Fact]
        public void Simple_value_exact_form()
        {
            Assert.Equal("filter=userName%20eq%20%22alice%22", ScimFilter.EqualsQuery("userName", "alice"));
        }

        [Fact]
        public void Space_becomes_percent_20()
        {
            var query = ScimFilter.EqualsQuery("externalId", "John Doe");
            Assert.Contains("John%20Doe", query);
            AssertSafeQuery(query);
            Assert.Equal(("externalId", "John Doe"), Decode(query));
        }

        [Fact]
        public void Surrounding_quotes_become_percent_22()
        {
            var query = ScimFilter.EqualsQuery("externalId", "x");
            Assert.EndsWith("%22x%22", query);
        }

        [Theory]
        [InlineData("a+b@example.com")]
        [InlineData("me@example.com")]
        [InlineData("quote\"inside")]
        [InlineData("back\\slash")]
        [InlineData("both\\\"mixed")]
        [InlineData("J\u00fcrgen M\u00fcller")]
        [InlineData("\u5f20\u4f1f")]
        [InlineData("emoji\U0001F600")]
        [InlineData("amp&hash#percent%")]
        [InlineData("line\nbreak\ttab")]
        [InlineData("CN=Alice,OU=Staff")]
        [InlineData("")]
        public void Value_round_trips_through_query_and_json_literal(string value)
        {
            var query = ScimFilter.EqualsQuery("externalId", value);
            AssertSafeQuery(query);
            var (attribute, decoded) = Decode(query);
            Assert.Equal("externalId", attribute);
            Assert.Equal(value, decoded);
        }

        [Fact]
        public void Plus_never_travels_raw()
        {
            // A raw '+' in a query decodes as a space; the e-mail must arrive with its '+'.
            var query = ScimFilter.EqualsQuery("externalId", "a+b@example.com");
            Assert.DoesNotContain("+", query);
            var decoded = Decode(query).Value;
            Assert.Equal("a+b@example.com", decoded);
        }

        [Fact]
        public void Quote_in_value_cannot_end_the_literal_early()
        {
            var value = "x\" or userName eq \"admin";
            var filter = Uri.UnescapeDataString(ScimFilter.EqualsQuery("externalId", value).Substring(7));
            // Exactly two unescaped quotes: the ones around the literal.
            int unescaped = 0;
            for (int i = 0; i < filter.Length; i++)
            {
                if (filter[i] == '\\') { i++; continue; }
                if (filter[i] == '"') unescaped++;
            }
            Assert.Equal(2, unescaped);
            Assert.Equal(value, Decode(ScimFilter.EqualsQuery("externalId", value)).Value);
        }
    }

    public class WireUriTests
    {
        [Theory]
        [InlineData("https://wire.example.com", "https://wire.example.com/", "https://wire.example.com/scim/v2/")]
        [InlineData("https://wire.example.com/", "https://wire.example.com/", "https://wire.example.com/scim/v2/")]
        [InlineData("https://wire.example.com/scim", "https://wire.example.com/", "https://wire.example.com/scim/v2/")]
        [InlineData("https://wire.example.com/scim/", "https://wire.example.com/", "https://wire.example.com/scim/v2/")]
        [InlineData("https://wire.example.com/scim/v2", "https://wire.example.com/", "https://wire.example.com/scim/v2/")]
        [InlineData("https://wire.example.com/scim/v2/", "https://wire.example.com/", "https://wire.example.com/scim/v2/")]
        [InlineData("https://wire.example.com/scim/v2//", "https://wire.example.com/", "https://wire.example.com/scim/v2/")]
        [InlineData("https://wire.example.com/SCIM/V2", "https://wire.example.com/", "https://wire.example.com/scim/v2/")]
        [InlineData("wire.example.com", "https://wire.example.com/", "https://wire.example.com/scim/v2/")]
        [InlineData("  prod-nginz-https.wire.com/scim/v2  ", "https://prod-nginz-https.wire.com/", "https://prod-nginz-https.wire.com/scim/v2/")]
        [InlineData("https://wire.example.com:8443/scim/v2", "https://wire.example.com:8443/", "https://wire.example.com:8443/scim/v2/")]
        [InlineData("https://example.com/wire", "https://example.com/wire/", "https://example.com/wire/scim/v2/")]
        [InlineData("https://example.com/wire/scim/v2", "https://example.com/wire/", "https://example.com/wire/scim/v2/")]
        [InlineData("https://example.com/a/b/scim/", "https://example.com/a/b/", "https://example.com/a/b/scim/v2/")]
        public void Accepted_forms(string text, string host, string scim)
        {
            var uri = WireUri.Parse(text);
            Assert.Equal(new Uri(host), uri.Host);
            Assert.Equal(new Uri(scim), uri.Scim);
            Assert.Equal(scim.TrimEnd('/'), uri.ToString());
        }

        [Theory]
        [InlineData("https://wire.example.com/scim/v2/Users", "https://wire.example.com/scim/v2/", "/Users")]
        [InlineData("https://wire.example.com/scim/v2/Users/", "https://wire.example.com/scim/v2/", "/Users")]
        [InlineData("https://wire.example.com/scim/v2/Users/f5a361e7-d185-4fee-b290-bdb08f2291ac", "https://wire.example.com/scim/v2/", "/Users/f5a361e7")]
        [InlineData("https://wire.example.com/scim/v2/Groups", "https://wire.example.com/scim/v2/", "/Groups")]
        [InlineData("https://wire.example.com/scim/auth-tokens", "https://wire.example.com/scim/v2/", "/auth-tokens")]
        [InlineData("https://wire.example.com/v8/scim/v2", "https://wire.example.com/scim/v2/", "/v8")]
        [InlineData("https://example.com/wire/v7/scim/v2/Users", "https://example.com/wire/scim/v2/", "/v7")]
        public void Pasted_resource_paths_and_version_prefixes_are_dropped_with_a_note(string text, string scim, string noted)
        {
            var uri = WireUri.Parse(text);
            Assert.Equal(new Uri(scim), uri.Scim);
            Assert.NotNull(uri.Note);
            Assert.Contains(noted, uri.Note);
            Assert.Contains(scim.TrimEnd('/'), uri.Note);
        }

        [Theory]
        [InlineData("https://wire.example.com")]
        [InlineData("https://wire.example.com/scim/v2/")]
        [InlineData("https://wire.example.com/scim")]
        public void Documented_forms_have_no_note(string text) => Assert.Null(WireUri.Parse(text).Note);

        [Theory]
        [InlineData("https://wire.example.com/scim/v1", "v1", "https://wire.example.com/scim/v2")]
        [InlineData("https://wire.example.com/scim/v1/Users", "v1", "https://wire.example.com/scim/v2")]
        [InlineData("https://wire.example.com/scim/Users", "Users", "https://wire.example.com/scim/v2")]
        [InlineData("https://wire.example.com/Users", "/Users", "https://wire.example.com/scim/v2")]
        [InlineData("https://wire.example.com/api/v2/Users", "/Users", "https://wire.example.com/scim/v2")]
        public void Other_scim_paths_are_refused_naming_the_address_to_give(string text, string named, string advice)
        {
            var error = Assert.Throws<ArgumentException>(() => WireUri.Parse(text));
            Assert.Contains(named, error.Message);
            Assert.Contains(advice, error.Message);
        }

        [Theory]
        [InlineData("https://admin:hunter2secret@wire.example.com/scim/v2")]
        [InlineData("https://hunter2secret@wire.example.com")]
        [InlineData("admin:hunter2secret@wire.example.com")]
        public void User_info_is_refused_without_repeating_it(string text)
        {
            var error = Assert.Throws<ArgumentException>(() => WireUri.Parse(text));
            Assert.DoesNotContain("hunter2secret", error.Message);
            Assert.Contains("https://wire.example.com/scim/v2", error.Message);
        }

        [Theory]
        [InlineData("https://wire.example.com/scim/v2?access_token=hunter2secret")]
        [InlineData("https://wire.example.com/scim/v2#hunter2secret")]
        public void Query_and_fragment_are_refused_without_repeating_them(string text)
        {
            var error = Assert.Throws<ArgumentException>(() => WireUri.Parse(text));
            Assert.DoesNotContain("hunter2secret", error.Message);
            Assert.Contains("https://wire.example.com/scim/v2", error.Message);
        }

        [Theory]
        [InlineData("http://wire.example.com")]
        [InlineData("http://wire.example.com/scim/v2")]
        [InlineData("http://10.0.0.5:8080")]
        public void Plain_http_to_non_loopback_rejected_mentioning_https(string text)
        {
            var error = Assert.Throws<ArgumentException>(() => WireUri.Parse(text));
            Assert.Contains("https", error.Message);
        }

        [Theory]
        [InlineData("http://127.0.0.1:8080", "http://127.0.0.1:8080/scim/v2/")]
        [InlineData("http://127.0.0.1:41234/scim/v2", "http://127.0.0.1:41234/scim/v2/")]
        [InlineData("http://localhost", "http://localhost/scim/v2/")]
        [InlineData("http://localhost:5000/scim", "http://localhost:5000/scim/v2/")]
        [InlineData("http://[::1]:8080", "http://[::1]:8080/scim/v2/")]
        [InlineData("http://[::1]", "http://[::1]/scim/v2/")]
        public void Plain_http_to_loopback_accepted(string text, string scim)
        {
            Assert.Equal(new Uri(scim), WireUri.Parse(text).Scim);
        }

        [Theory]
        [InlineData("")]
        [InlineData("   ")]
        [InlineData("ftp://wire.example.com")]
        [InlineData("https://")]
        [InlineData("https://wire.example.com/scim/v2?x=1")]
        [InlineData("https://wire.example.com/#frag")]
        [InlineData("not a url at all")]
        [InlineData("file:///etc/passwd")]
        public void Garbage_rejected(string text)
        {
            Assert.Throws<ArgumentException>(() => WireUri.Parse(text));
        }

        [Theory]
        [InlineData("http://127.0.0.1/", true)]
        [InlineData("http://127.8.9.10/", true)]
        [InlineData("http://localhost/", true)]
        [InlineData("http://LOCALHOST/", true)]
        [InlineData("http://[::1]/", true)]
        [InlineData("http://10.0.0.1/", false)]
        [InlineData("http://localhost.example.com/", false)]
        public void IsLoopback(string uri, bool expected)
        {
            Assert.Equal(expected, WireUri.IsLoopback(new Uri(uri)));
        }
    }
}

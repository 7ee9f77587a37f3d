using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using WireScim.Scim;
using Xunit;

namespace WireScim.Tests.Hostile
{
    /// <summary>Mutated and random JSON for the two readers of what servers send.</summary>
    public class JsonFuzzTests
    {
        private const string TokenText = "q3Zs+0Yh/Lr7mW2pXc9eKd4uTb1oNf6gHj8iRk5lMvA=";

        private static readonly string[] Seeds =
        {
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\",\"urn:wire:scim:schemas:profile:1.0\"],\"id\":\"f5a361e7-d185-4fee-b290-bdb08f2291ac\"," +
            "\"userName\":\"alice\",\"displayName\":\"Alice\",\"externalId\":\"alice@example.com\",\"emails\":[{\"value\":\"alice@example.com\",\"primary\":true}]," +
            "\"active\":true,\"roles\":[{\"value\":\"member\"}],\"preferredLanguage\":\"en\",\"meta\":{\"created\":\"2024-01-01T00:00:00Z\",\"lastModified\":\"2024-01-02T00:00:00Z\"," +
            "\"version\":\"W/\\\"1\\\"\",\"location\":\"https://wire.example/scim/v2/Users/f5a361e7-d185-4fee-b290-bdb08f2291ac\",\"resourceType\":\"User\"}," +
            "\"urn:wire:scim:schemas:profile:1.0\":{\"richInfo\":{\"version\":0,\"fields\":[{\"type\":\"Dept\",\"value\":\"Ops\"}]}}," +
            "\"urn:ietf:params:scim:schemas:extension:wire:1.0:User\":{\"Dept\":\"Sales\"}}",
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"409\",\"scimType\":\"uniqueness\",\"detail\":\"externalId is already taken\"}",
            "{\"code\":400,\"label\":\"scim-error\",\"message\":\"{\\\"schemas\\\":[\\\"urn:ietf:params:scim:api:messages:2.0:Error\\\"],\\\"status\\\":\\\"400\\\",\\\"scimType\\\":\\\"invalidValue\\\",\\\"detail\\\":\\\"bad\\\"}\"}",
            "{\"code\":403,\"label\":\"access-denied\",\"message\":\"Bearer " + TokenText + " is not allowed\"}",
            "{\"Resources\":[],\"totalResults\":0}",
            "[1,2,{\"a\":null}]",
        };

        private static readonly string[] Fragments =
        {
            "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800", "\\udc00", "\\u0000", "null", "true", "false", "-0", "1e999", "NaN",
            "\"id\"", "\"userName\"", "\"active\"", "\"roles\"", "\"emails\"", "\"meta\"", "\"detail\"", "\"scimType\"", "\"label\"", "\"message\"",
            "\"urn:wire:scim:schemas:profile:1.0\"", "\"richInfo\"", "\"fields\"", "😀", "\u0000", "\n", " ", "<html>", "//", "/*",
        };

        private static readonly string[] KnownNames =
        {
            "id", "userName", "displayName", "externalId", "preferredLanguage", "active", "emails", "roles", "meta", "detail", "scimType", "label",
            "message", "schemas", "Resources", "urn:wire:scim:schemas:profile:1.0", "urn:ietf:params:scim:schemas:extension:wire:1.0:User",
        };

        private static string RandomValue(Random random, int depth)
        {
            switch (random.Next(depth > 4 ? 6 : 9))
            {
                case 0: return "null";
                case 1: return random.Next(2) == 0 ? "true" : "false";
                case 2: return random.Next(3) switch { 0 => "1e400", 1 => "-12.5", _ => random.Next().ToString() };
                case 3: return JsonSerializer.Serialize(new string((char)random.Next(0x20, 0xd7ff), random.Next(0, 5)));
                case 4: return "\"\\ud800\"";
                case 5: return "\"" + (random.Next(2) == 0 ? "True" : "2024-13-45") + "\"";
                case 6: return "[" + string.Join(",", Enumerable.Range(0, random.Next(0, 4)).Select(_ => RandomValue(random, depth + 1))) + "]";
                default:
                    return "{" + string.Join(",", Enumerable.Range(0, random.Next(0, 5)).Select(_ =>
                        JsonSerializer.Serialize(random.Next(3) == 0 ? "x" + random.Next(100) : KnownNames[random.Next(KnownNames.Length)]) + ":" + RandomValue(random, depth + 1))) + "}";
            }
        }

        private static string Mutate(Random random, string text)
        {
            var builder = new StringBuilder(text);
            for (int m = random.Next(1, 4); m > 0; m--)
            {
                switch (random.Next(6))
                {
                    case 0: if (builder.Length > 0) builder.Length = random.Next(builder.Length); break;
                    case 1: if (builder.Length > 0) builder[random.Next(builder.Length)] = (char)random.Next(0x20, 0x7f); break;
                    case 2: builder.Insert(random.Next(builder.Length + 1), Fragments[random.Next(Fragments.Length)]); break;
                    case 3: if (builder.Length > 2) builder.Remove(random.Next(builder.Length - 1), 1); break;
                    case 4: // deep nesting around the whole text
                    {
                        int depth = random.Next(1, 200);
                        builder.Insert(0, new string('[', depth)).Append(new string(']', depth));
                        break;
                    }
                    default: // a known attribute with a value of a random type
                        builder.Clear().Append("{").Append(JsonSerializer.Serialize(KnownNames[random.Next(KnownNames.Length)])).Append(":").Append(RandomValue(random, 0)).Append("}");
                        break;
                }
            }
            return builder.ToString();
        }

        private static IEnumerable<string> Corpus(int seed, int count)
        {
            var random = new Random(seed);
            for (int i = 0; i < count; i++)
            {
                switch (i % 3)
                {
                    case 0: yield return Mutate(random, Seeds[random.Next(Seeds.Length)]); break;
                    case 1: yield return RandomValue(random, 0); break;
                    default: yield return Seeds[random.Next(Seeds.Length)].Replace("\"alice\"", RandomValue(random, 0)).Replace("\"Ops\"", RandomValue(random, 0)).Replace("true", RandomValue(random, 0)); break;
                }
            }
        }

        [Fact]
        public void UserJson_Read_throws_only_JsonException()
        {
            var failures = new List<string>();
            foreach (var text in Corpus(424242, 5000))
            {
                try
                {
                    UserJson.Read(text);
                }
                catch (JsonException)
                {
                }
                catch (Exception error)
                {
                    failures.Add($"{error.GetType().Name}: {error.Message} for {ValidatorFuzzTests.Escape(text, 160)}");
                    if (failures.Count > 10) break;
                }
            }
            Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        }

        [Fact]
        public void ScimErrorReader_never_throws_and_keeps_messages_short_and_printable()
        {
            var failures = new List<string>();
            var random = new Random(99);
            int n = 0;
            foreach (var text in Corpus(1337, 5000))
            {
                var status = new[] { 200, 201, 302, 400, 401, 403, 404, 409, 413, 420, 429, 500, 502, 503 }[n++ % 14];
                var contentType = random.Next(3) switch { 0 => "application/scim+json", 1 => "text/plain", _ => null };
                try
                {
                    var error = ScimErrorReader.Read(new ScimResponse(status, contentType, text, null));
                    Check(error, text, failures);
                }
                catch (Exception error)
                {
                    failures.Add($"threw {error.GetType().Name}: {error.Message} for {ValidatorFuzzTests.Escape(text, 160)}");
                }
                if (failures.Count > 200) break;
            }
            // At most three examples of each kind of failure, so one kind does not hide the others.
            var shown = failures.GroupBy(f => f.Substring(0, Math.Min(30, f.Length))).SelectMany(g => g.Take(3)).ToList();
            Assert.True(failures.Count == 0, $"{failures.Count} failures, for example:{Environment.NewLine}" + string.Join(Environment.NewLine, shown));
        }

        [Theory]
        [InlineData("scimType")]
        [InlineData("label")]
        [InlineData("detail")]
        public void Hostile_error_fields_are_shortened_and_sanitised(string field)
        {
            // A server (or a proxy) that puts a megabyte, line breaks and the bearer token into one error attribute.
            var value = "line1\r\nline2\u0000 Bearer " + TokenText + " " + new string('x', 100_000);
            var body = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"]," + JsonSerializer.Serialize(field) + ":" + JsonSerializer.Serialize(value) + "}";
            var failures = new List<string>();
            foreach (var status in new[] { 400, 403, 409, 500 })
                Check(ScimErrorReader.Read(new ScimResponse(status, "application/scim+json", body, null)), body, failures);
            Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        }

        [Fact]
        public void Escaped_lone_surrogates_in_error_fields_do_not_escape_as_other_exceptions()
        {
            foreach (var body in new[]
            {
                "{\"detail\":\"\\ud800\",\"schemas\":[]}", "{\"scimType\":\"\\udc00x\"}", "{\"label\":\"\\ud83d\",\"message\":\"m\"}",
                "{\"label\":\"scim-error\",\"message\":\"{\\\"detail\\\":\\\"\\\\ud800\\\"}\"}",
            })
            {
                var error = ScimErrorReader.Read(new ScimResponse(400, "application/json", body, null));
                Assert.StartsWith("WireScim.", error.ErrorId);
                Assert.Contains("400", error.Message);
            }
        }

        private static void Check(WireScimException error, string body, List<string> failures)
        {
            var where = ValidatorFuzzTests.Escape(body, 100);
            if (!error.ErrorId.StartsWith("WireScim.", StringComparison.Ordinal) || error.ErrorId.Length > 100 || error.ErrorId.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
                failures.Add($"error id not a short stable id ({error.ErrorId.Length} chars): {ValidatorFuzzTests.Escape(error.ErrorId, 60)} for {where}");
            if (error.ResponseExcerpt != null && error.ResponseExcerpt.Length > 220)
                failures.Add($"excerpt of {error.ResponseExcerpt.Length} chars for {where}");
            if (error.Message.Length > 1000)
                failures.Add($"message of {error.Message.Length} chars for {where}");
            if (error.Message.Any(char.IsControl))
                failures.Add($"control characters in message {ValidatorFuzzTests.Escape(error.Message, 120)}");
            if (error.Message.Contains(TokenText) || (error.Detail?.Contains(TokenText) ?? false) || (error.ResponseExcerpt?.Contains(TokenText) ?? false))
                failures.Add($"token text in message {ValidatorFuzzTests.Escape(error.Message, 120)}");
        }
    }
}

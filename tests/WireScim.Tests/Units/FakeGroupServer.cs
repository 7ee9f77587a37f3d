using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using WireScim.Scim;

namespace WireScim.Tests.Units
{
    /// <summary>
    /// An in-memory /Groups for unit tests of the edit queue and the pager: GET, PUT (with Wire's 404 for a pending
    /// added member), paged listing; it counts requests and can hold each PUT until the test releases it.
    /// </summary>
    internal sealed class FakeGroupServer : IScimTransport
    {
        private readonly object _gate = new object();
        private readonly Dictionary<string, (string Name, List<string> Members)> _groups = new Dictionary<string, (string, List<string>)>(StringComparer.OrdinalIgnoreCase);
        private readonly List<string> _requests = new List<string>();

        public HashSet<string> PendingUsers { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Extra characters of padding per member in listings, to make pages large.</summary>
        public int MemberPadding { get; set; }

        /// <summary>Answer listings without paging, as Wire 5.24 does.</summary>
        public bool Unpaged { get; set; }

        public int? ResponseCap { get; set; }

        public Func<Task>? BeforePut { get; set; }

        public IReadOnlyList<string> Requests { get { lock (_gate) return _requests.ToList(); } }

        public string Add(string name, params string[] members)
        {
            var id = Guid.NewGuid().ToString("D");
            lock (_gate) _groups[id] = (name, members.ToList());
            return id;
        }

        public IReadOnlyList<string> MembersOf(string id) { lock (_gate) return _groups[id].Members.ToList(); }

        public async Task<ScimResponse> SendAsync(ScimRequest request, CancellationToken cancellationToken)
        {
            lock (_gate) _requests.Add($"{request.Method} {request.Uri.PathAndQuery}");
            var path = request.Uri.AbsolutePath;
            var id = path.Substring(path.LastIndexOf('/') + 1);
            if (request.Method.Method == "GET" && id == "Groups") return List(request.Uri.Query);
            if (request.Method.Method == "GET")
            {
                lock (_gate) return _groups.TryGetValue(id, out var group) ? Json(200, Render(id, group.Name, group.Members)) : NotFound($"Group {id} not found");
            }
            if (request.Method.Method == "PUT")
            {
                if (BeforePut != null) await BeforePut().ConfigureAwait(false);
                using var body = JsonDocument.Parse(request.Body!);
                var name = body.RootElement.GetProperty("displayName").GetString()!;
                var members = body.RootElement.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("value").GetString()!).ToList();
                lock (_gate)
                {
                    if (!_groups.TryGetValue(id, out var group)) return NotFound($"Group {id} not found");
                    var pending = members.FirstOrDefault(m => PendingUsers.Contains(m) && !group.Members.Contains(m, StringComparer.OrdinalIgnoreCase));
                    if (pending != null) return NotFound($"User {pending} not found");
                    _groups[id] = (name, members);
                    return Json(200, Render(id, name, members));
                }
            }
            throw new InvalidOperationException("unexpected " + request);
        }

        private ScimResponse List(string query)
        {
            var parameters = query.TrimStart('?').Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
            int start = Math.Max(1, int.Parse(parameters["startIndex"]));
            int count = Math.Min(500, int.Parse(parameters["count"]));
            List<string> items;
            int total;
            lock (_gate)
            {
                var all = _groups.OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
                if (parameters.TryGetValue("filter", out var filter))
                {
                    var value = JsonSerializer.Deserialize<string>(filter.Substring(filter.IndexOf('"')))!;
                    all = all.Where(g => g.Value.Name.Contains(value, StringComparison.OrdinalIgnoreCase)).ToList();
                }
                total = all.Count;
                var page = Unpaged ? all : all.Skip(start - 1).Take(count).ToList();
                items = page.Select(g => Render(g.Key, g.Value.Name, g.Value.Members)).ToList();
            }
            var text = $"{{\"Resources\":[{string.Join(",", items)}],\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"],\"totalResults\":{total},\"itemsPerPage\":{items.Count},\"startIndex\":{(Unpaged ? 1 : start)}}}";
            if (ResponseCap is int cap && text.Length > cap)
                throw new WireScimException(WireScimErrorKind.BadResponse, "WireScim.ResponseTooLarge", "Wire answered 200 OK with a body over the cap.") { StatusCode = 200 };
            return Json(200, text);
        }

        private string Render(string id, string name, IEnumerable<string> members)
        {
            var padding = new string('x', MemberPadding);
            var items = members.Select(m => $"{{\"value\":\"{m}\",\"type\":\"User\",\"$ref\":\"https://wire.example.com/scim/v2/Users/{m}{padding}\"}}");
            return $"{{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"id\":\"{id}\",\"displayName\":{JsonSerializer.Serialize(name)},\"members\":[{string.Join(",", items)}],\"meta\":{{\"resourceType\":\"Group\",\"version\":\"W/\\\"v1\\\"\"}}}}";
        }

        private static ScimResponse Json(int status, string body) => new ScimResponse(status, "application/scim+json;charset=utf-8", body, null);

        private static ScimResponse NotFound(string detail) =>
            Json(404, $"{{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"404\",\"detail\":{JsonSerializer.Serialize(detail)}}}");
    }
}

using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace WireScim.Emulator;

/// <summary>
/// Thread-safe request counters. Requests are counted when they arrive, before throttling or faults, so
/// <see cref="Writes"/> and <see cref="Lookups"/> include attempts that were throttled or faulted.
/// /_emulator/* is never counted.
/// </summary>
public sealed class EmulatorStats
{
    private readonly ConcurrentDictionary<string, long> routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> faults = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> groupMethods = new(StringComparer.Ordinal);
    private long totalRequests;
    private long writes;
    private long lookups;
    private long throttled;
    private long managedByScimFlips;

    public long TotalRequests => Interlocked.Read(ref totalRequests);
    /// <summary>POST/PUT/PATCH/DELETE on /scim/v2/Users*.</summary>
    public long Writes => Interlocked.Read(ref writes);
    /// <summary>GET on /scim/v2/Users*.</summary>
    public long Lookups => Interlocked.Read(ref lookups);
    /// <summary>Requests answered with the throttle status.</summary>
    public long Throttled => Interlocked.Read(ref throttled);
    public long FaultsInjected => faults.Values.Sum();
    /// <summary>Team members whose managed_by a SCIM look-up turned from wire to scim.</summary>
    public long ManagedByScimFlips => Interlocked.Read(ref managedByScimFlips);

    /// <summary>Requests per route key, e.g. "POST /scim/v2/Users" or "GET /scim/v2/Users/{id}".</summary>
    public IReadOnlyDictionary<string, long> Routes => new SortedDictionary<string, long>(routes, StringComparer.Ordinal);

    /// <summary>Injected faults per kind: "500", "503", "reset", "commit-drop".</summary>
    public IReadOnlyDictionary<string, long> Faults => new SortedDictionary<string, long>(faults, StringComparer.Ordinal);

    /// <summary>Requests on /scim/v2/Groups* per HTTP method (PATCH attempts included), whatever the release.</summary>
    public IReadOnlyDictionary<string, long> GroupRequests => new SortedDictionary<string, long>(groupMethods, StringComparer.Ordinal);

    /// <summary>POST/PUT/PATCH/DELETE on /scim/v2/Groups*.</summary>
    public long GroupWrites => groupMethods.Where(m => m.Key != "GET").Sum(m => m.Value);

    /// <summary>GET on /scim/v2/Groups*.</summary>
    public long GroupLookups => groupMethods.GetValueOrDefault("GET");

    public long RouteCount(string routeKey) => routes.GetValueOrDefault(routeKey);

    public long FaultCount(string kind) => faults.GetValueOrDefault(kind);

    public void Reset()
    {
        routes.Clear();
        faults.Clear();
        groupMethods.Clear();
        Interlocked.Exchange(ref totalRequests, 0);
        Interlocked.Exchange(ref writes, 0);
        Interlocked.Exchange(ref lookups, 0);
        Interlocked.Exchange(ref throttled, 0);
        Interlocked.Exchange(ref managedByScimFlips, 0);
    }

    public JsonObject ToJson()
    {
        var routeCounts = new JsonObject();
        foreach (var (key, count) in Routes) routeCounts[key] = count;
        var faultCounts = new JsonObject();
        foreach (var (kind, count) in Faults) faultCounts[kind] = count;
        var groupCounts = new JsonObject();
        foreach (var (method, count) in GroupRequests) groupCounts[method] = count;
        return new JsonObject
        {
            ["totalRequests"] = TotalRequests,
            ["writes"] = Writes,
            ["lookups"] = Lookups,
            ["throttled"] = Throttled,
            ["faultsInjected"] = FaultsInjected,
            ["managedByScimFlips"] = ManagedByScimFlips,
            ["routes"] = routeCounts,
            ["faults"] = faultCounts,
            ["groupWrites"] = GroupWrites,
            ["groupLookups"] = GroupLookups,
            ["groupRequests"] = groupCounts,
        };
    }

    internal void CountRequest(string routeKey, bool isUserWrite, bool isUserLookup)
    {
        Interlocked.Increment(ref totalRequests);
        routes.AddOrUpdate(routeKey, 1, (_, n) => n + 1);
        if (isUserWrite) Interlocked.Increment(ref writes);
        if (isUserLookup) Interlocked.Increment(ref lookups);
    }

    internal void CountGroupRequest(string method) => groupMethods.AddOrUpdate(method, 1, (_, n) => n + 1);

    internal void CountThrottled() => Interlocked.Increment(ref throttled);

    internal void CountManagedByScimFlip() => Interlocked.Increment(ref managedByScimFlips);

    internal void CountFault(string kind) => faults.AddOrUpdate(kind, 1, (_, n) => n + 1);
}

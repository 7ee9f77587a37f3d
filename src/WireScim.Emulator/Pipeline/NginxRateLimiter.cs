using System.Diagnostics;

namespace WireScim.Emulator.Pipeline;

/// <summary>
/// nginx limit_req with burst and nodelay: per key an "excess" that drains at <c>rate</c> per second and grows by
/// one per accepted request; a request that would push it above <c>burst</c> is rejected and changes nothing.
/// A fresh key therefore admits burst + 1 requests at once.
/// </summary>
internal sealed class NginxRateLimiter(double rate, int burst)
{
    private const int PruneThreshold = 10_000;

    private readonly Dictionary<string, (double Excess, long Timestamp)> buckets = new(StringComparer.Ordinal);

    public bool TryAcquire(string key)
    {
        var now = Stopwatch.GetTimestamp();
        lock (buckets)
        {
            double excess = 0;
            if (buckets.TryGetValue(key, out var bucket))
            {
                excess = Math.Max(0, bucket.Excess - rate * Stopwatch.GetElapsedTime(bucket.Timestamp, now).TotalSeconds + 1);
                if (excess > burst) return false;
            }
            else if (buckets.Count >= PruneThreshold)
            {
                PruneDrained(now);
            }
            buckets[key] = (excess, now);
            return true;
        }
    }

    private void PruneDrained(long now)
    {
        foreach (var (key, bucket) in buckets.ToList())
            if (bucket.Excess - rate * Stopwatch.GetElapsedTime(bucket.Timestamp, now).TotalSeconds <= 0)
                buckets.Remove(key);
    }
}

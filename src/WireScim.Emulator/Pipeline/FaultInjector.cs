namespace WireScim.Emulator.Pipeline;

/// <summary>Decides, reproducibly from the seed, which fault (if any) a /scim/v2 request gets.</summary>
internal sealed class FaultInjector
{
    public const string ServerError = "500";
    public const string Unavailable = "503";
    public const string Reset = "reset";
    public const string CommitDrop = "commit-drop";

    private readonly Random random;
    private readonly double faultRate;
    private readonly string[] kinds;

    public FaultInjector(EmulatorOptions options)
    {
        random = new Random(options.Seed);
        faultRate = options.FaultRate;
        kinds = (options.FaultKinds.Count > 0 ? options.FaultKinds : EmulatorOptions.AllFaultKinds).Distinct().ToArray();
    }

    /// <summary>A fault kind, or null. commit-drop only applies to writes.</summary>
    public string? Pick(bool isWrite)
    {
        if (faultRate <= 0) return null;
        var applicable = isWrite ? kinds : kinds.Where(k => k != CommitDrop).ToArray();
        if (applicable.Length == 0) return null;
        lock (random)
        {
            if (random.NextDouble() >= faultRate) return null;
            return applicable[random.Next(applicable.Length)];
        }
    }
}

using System.Runtime.InteropServices;

namespace WireScim.Emulator;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.Out.WriteLine(EmulatorOptions.Usage);
            return 0;
        }

        EmulatorOptions options;
        try
        {
            options = EmulatorOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"wire-scim-emulator: {e.Message}");
            return 2;
        }

        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.TrySetResult();
        };
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.TrySetResult();
        });

        await using var server = await EmulatorServer.StartAsync(options);
        // The first line is the base URL alone: scripts (tests/tools/EmulatorProcess.psm1) read it.
        var baseUrl = server.BaseUri.GetLeftPart(UriPartial.Authority);
        Console.Out.WriteLine(baseUrl);
        foreach (var line in EmulatorOptions.StartBanner(options, baseUrl)) Console.Out.WriteLine(line);
        Console.Out.Flush();
        await stop.Task;
        return 0;
    }
}

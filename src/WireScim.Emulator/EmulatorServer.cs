using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server.Features;
using WireScim.Emulator.Endpoints;
using WireScim.Emulator.Http;
using WireScim.Emulator.Pipeline;
using WireScim.Emulator.Store;
using WireScim.Emulator.Tokens;
using WireScim.Emulator.Users;

namespace WireScim.Emulator;

/// <summary>A running emulator on 127.0.0.1. Start with <see cref="StartAsync"/>, stop by disposing.</summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly EmulatorServices services;
    private readonly StateFile? stateFile;
    private int disposed;

    private EmulatorServer(WebApplication app, EmulatorServices services, StateFile? stateFile, Uri baseUri)
    {
        this.app = app;
        this.services = services;
        this.stateFile = stateFile;
        BaseUri = baseUri;
    }

    /// <summary>The host base with a trailing slash, e.g. http://127.0.0.1:41234/; SCIM is at BaseUri + "scim/v2".</summary>
    public Uri BaseUri { get; }

    public EmulatorStats Stats => services.Stats;

    public static async Task<EmulatorServer> StartAsync(EmulatorOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var teamId = (options.DataFile is null ? null : StateFile.ReadTeamId(options.DataFile)) ?? Guid.NewGuid();
        var store = new EmulatorStore(teamId);
        var services = new EmulatorServices(options, store, new Accounts(options), new EmulatorStats());
        var stateFile = options.DataFile is null ? null : StateFile.Attach(options.DataFile, store, services.Groups);
        store.ManagedByScimFlipped += services.Stats.CountManagedByScimFlip;
        if (options.ScimToken is { } seeded)
        {
            // Seeded like a token made through the unversioned (v0) API: bound when the team has exactly one IdP.
            var idp = services.IdpIds.Count == 1 ? services.IdpIds[0] : (Guid?)null;
            var id = Guid.NewGuid();
            store.SeedToken(new ScimTokenRecord(id, ScimTokenRecord.HashOf(seeded), UserRepresentation.Now(), idp, "seeded token", id.ToString()));
        }

        var app = BuildApp(options, services);
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        var baseUri = new Uri($"http://127.0.0.1:{port}/");
        services.ScimBaseUri = $"http://127.0.0.1:{port}/scim/v2";
        return new EmulatorServer(app, services, stateFile, baseUri);
    }

    /// <summary>All stored users as SCIM JSON, oldest first.</summary>
    public IReadOnlyList<JsonObject> SnapshotUsers() => services.SnapshotUsers();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1) return;
        try
        {
            await app.StopAsync(TimeSpan.FromSeconds(5));
        }
        finally
        {
            await app.DisposeAsync();
            stateFile?.Close();
        }
    }

    private static WebApplication BuildApp(EmulatorOptions options, EmulatorServices services)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        // The host must not grab Ctrl+C or SIGTERM: several emulators may run in one test process.
        builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxConcurrentConnections = null;
            kestrel.Limits.MaxRequestBodySize = 512 * 1024;
        });

        var app = builder.Build();
        app.Use(next => ApiVersionPrefix.Middleware(options.MaxApiVersion, next));
        app.Use(next => TrafficShaping.Middleware(services, next));
        app.Use(next => async context =>
        {
            try
            {
                await next(context);
            }
            catch (EmulatorError error) when (!context.Response.HasStarted)
            {
                context.Response.Clear();
                await ErrorWriter.WriteAsync(context, error, options.ErrorEnvelope);
            }
        });
        app.UseRouting();
        app.Use(CaseSensitiveRoutes.Middleware);

        ScimUserEndpoints.Map(app, services);
        ScimGroupEndpoints.Map(app, services);
        DiscoveryEndpoints.Map(app);
        TokenEndpoints.Map(app, services);
        ControlEndpoints.Map(app, services);
        GroupControlEndpoints.Map(app, services);
        return app;
    }

    private sealed class PassiveHostLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

using Microsoft.AspNetCore.Http.Features;
using WireScim.Emulator.Http;

namespace WireScim.Emulator.Pipeline;

/// <summary>
/// What happens to a request before Wire handles it: counting, nginz rate limiting, latency and injected faults.
/// /_emulator/* passes straight through.
/// </summary>
internal static class TrafficShaping
{
    public static RequestDelegate Middleware(EmulatorServices services, RequestDelegate next) => async context =>
    {
        var path = context.Request.Path.Value ?? "/";
        if (path.StartsWith("/_emulator", StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        var method = context.Request.Method;
        var isWrite = RouteKeys.IsUserWrite(method, path);
        services.Stats.CountRequest(RouteKeys.For(method, path), isWrite, RouteKeys.IsUserLookup(method, path));
        if (RouteKeys.IsGroups(path)) services.Stats.CountGroupRequest(method);
        isWrite |= RouteKeys.IsGroupWrite(method, path);

        var isScim = RouteKeys.IsScim(path);
        if (isScim && services.RateLimiter is { } limiter && !limiter.TryAcquire(RateKey(context)))
        {
            services.Stats.CountThrottled();
            await ErrorWriter.WriteNginxPageAsync(context, services.Options.ThrottleStatus, "Enhance Your Calm");
            return;
        }

        if ((isScim || RouteKeys.IsTokenApi(path)) && services.Options.LatencyMs > 0)
        {
            try
            {
                await Task.Delay(services.Options.LatencyMs, context.RequestAborted);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }
        }

        var fault = isScim ? services.Faults.Pick(isWrite) : null;
        if (fault is null)
        {
            await next(context);
            return;
        }

        services.Stats.CountFault(fault);
        switch (fault)
        {
            case FaultInjector.ServerError:
                await ErrorWriter.WriteAsync(context, new ScimError(500, null, "emulated internal server error"), services.Options.ErrorEnvelope);
                break;
            case FaultInjector.Unavailable:
                context.Response.Headers.RetryAfter = "1";
                await ErrorWriter.WriteAsync(context, new ScimError(503, null, "emulated service unavailable"), services.Options.ErrorEnvelope);
                break;
            case FaultInjector.Reset:
                context.Abort();
                break;
            case FaultInjector.CommitDrop:
                await RunWithoutAnswering(context, next);
                break;
        }
    };

    /// <summary>nginx's $binary_remote_addr$uri: client address plus the path as sent, without the query.</summary>
    private static string RateKey(HttpContext context) =>
        $"{context.Connection.RemoteIpAddress}{context.OriginalPath()}";

    /// <summary>Performs the request fully, but throws the answer away and drops the connection.</summary>
    private static async Task RunWithoutAnswering(HttpContext context, RequestDelegate next)
    {
        var original = context.Features.Get<IHttpResponseBodyFeature>();
        using var discarded = new MemoryStream();
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(discarded));
        try
        {
            await next(context);
        }
        finally
        {
            context.Features.Set(original);
            context.Abort();
        }
    }
}

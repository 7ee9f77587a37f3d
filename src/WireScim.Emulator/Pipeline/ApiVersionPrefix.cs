using System.Globalization;
using System.Text.RegularExpressions;

namespace WireScim.Emulator.Pipeline;

/// <summary>nginz/spar's versioning: an optional /vN prefix is stripped and recorded; none means version 0.</summary>
internal static partial class ApiVersionPrefix
{
    private const string VersionKey = "wire-api-version";
    private const string OriginalPathKey = "wire-original-path";

    public static int Version(this HttpContext context) => context.Items[VersionKey] is int v ? v : 0;

    /// <summary>The path as the client sent it, with any version prefix (nginx's $uri).</summary>
    public static string OriginalPath(this HttpContext context) =>
        context.Items[OriginalPathKey] as string ?? context.Request.Path.Value ?? "/";

    public static RequestDelegate Middleware(int maxApiVersion, RequestDelegate next) => async context =>
    {
        var path = context.Request.Path.Value ?? "/";
        context.Items[OriginalPathKey] = path;
        var match = VersionedPath().Match(path);
        if (match.Success)
        {
            if (!int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version > maxApiVersion)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            context.Items[VersionKey] = version;
            context.Request.Path = match.Groups[2].Success && match.Groups[2].Length > 0 ? match.Groups[2].Value : "/";
        }
        await next(context);
    };

    [GeneratedRegex(@"^/v([0-9]+)(/.*)?\z")]
    private static partial Regex VersionedPath();
}

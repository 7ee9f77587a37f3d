using Microsoft.AspNetCore.Routing.Patterns;

namespace WireScim.Emulator.Pipeline;

/// <summary>
/// servant matches path segments exactly, so /scim/v2/users is no route (404, empty body); ASP.NET Core's routing
/// ignores case, so this undoes a match whose literal segments differ in case.
/// </summary>
internal static class CaseSensitiveRoutes
{
    public static RequestDelegate Middleware(RequestDelegate next) => async context =>
    {
        if (context.GetEndpoint() is RouteEndpoint endpoint && !LiteralsMatch(endpoint.RoutePattern, context.Request.Path.Value ?? "/"))
        {
            context.SetEndpoint(null);
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        await next(context);
    };

    private static bool LiteralsMatch(RoutePattern pattern, string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < pattern.PathSegments.Count && i < segments.Length; i++)
        {
            if (pattern.PathSegments[i].Parts is [RoutePatternLiteralPart literal] &&
                !string.Equals(literal.Content, segments[i], StringComparison.Ordinal))
                return false;
        }
        return true;
    }
}

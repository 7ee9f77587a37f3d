using System.Globalization;
using System.Text.Json.Nodes;
using WireScim.Emulator.Groups;
using WireScim.Emulator.Http;
using WireScim.Emulator.Users;

namespace WireScim.Emulator.Endpoints;

/// <summary>
/// /scim/v2/Groups (libs/hscim/src/Web/Scim/Class/Group.hs GroupSite). Releases before 5.24 have no such route;
/// servant's checks (capture, Accept, Content-Type, query, header, body) run before spar checks the token.
/// </summary>
internal sealed class ScimGroupEndpoints(EmulatorServices services)
{
    private readonly ScimGroups groups = new(services.Groups);

    public static void Map(IEndpointRouteBuilder routes, EmulatorServices services)
    {
        var endpoints = new ScimGroupEndpoints(services);
        const string collection = "/scim/v2/Groups";
        const string single = collection + "/{id}";
        routes.MapPost(collection, endpoints.Served(endpoints.CreateAsync));
        routes.MapGet(collection, endpoints.Served(endpoints.ListAsync));
        routes.MapMethods(collection, ["PUT", "PATCH", "DELETE"], endpoints.Served(WrongMethod));
        routes.MapGet(single, endpoints.Served(endpoints.GetAsync));
        routes.MapPut(single, endpoints.Served(endpoints.ReplaceAsync));
        routes.MapPatch(single, endpoints.Served(endpoints.PatchAsync));
        routes.MapDelete(single, endpoints.Served(endpoints.DeleteAsync));
        routes.MapMethods(single, ["POST"], endpoints.Served((context, _) => WrongMethod(context)));
    }

    private WireRelease Release => services.Release;

    /// <summary>Up to 5.23 every /Groups request is servant's 404 with an empty body.</summary>
    private RequestDelegate Served(RequestDelegate handler) => context =>
        Release.HasGroups ? handler(context) : NoRoute(context);

    /// <summary>The lambda's parameter is named after the route value it binds.</summary>
    private Func<HttpContext, string, Task> Served(Func<HttpContext, string, Task> handler) => (context, id) =>
        Release.HasGroups ? handler(context, id) : NoRoute(context);

    private static Task NoRoute(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    private static Task WrongMethod(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        return Task.CompletedTask;
    }

    private async Task CreateAsync(HttpContext context)
    {
        var (_, input) = await RequestReader.ReadScimRequestAsync(context, services.Store, GroupParser.Parse);
        var (group, requestOrder) = groups.Create(input, Release);
        await Responses.WriteScimAsync(context, StatusCodes.Status201Created, GroupRepresentation.ToJson(group, services.ScimBaseUri, requestOrder));
    }

    private async Task ListAsync(HttpContext context)
    {
        var release = Release;
        RequestReader.CheckAccept(context);
        var filter = First(context, "filter") is { } text ? ScimFilter.Parse(text) : null;
        // startIndex and count are only declared from 5.25 on; before, servant ignores them.
        var startIndex = release.PagesGroups ? QueryInt(context, "startIndex") : null;
        var count = release.PagesGroups ? QueryInt(context, "count") : null;
        ScimAuthentication.Authenticate(services.Store, ScimAuthentication.ReadHeader(context));
        var page = groups.List(filter is null ? null : NameContains.FromFilter(filter), startIndex, count, release);
        var body = new JsonObject
        {
            ["Resources"] = new JsonArray(page.Groups.Select(g => (JsonNode)GroupRepresentation.ToJson(g, services.ScimBaseUri)).ToArray()),
            ["schemas"] = new JsonArray(ScimUserEndpoints.ListResponseUrn),
            ["totalResults"] = page.TotalResults,
            ["itemsPerPage"] = page.Groups.Count,
            ["startIndex"] = page.StartIndex,
        };
        await Responses.WriteScimAsync(context, StatusCodes.Status200OK, body);
    }

    private async Task GetAsync(HttpContext context, string id)
    {
        var groupId = ScimUserEndpoints.ParseId(id);
        RequestReader.CheckAccept(context);
        ScimAuthentication.Authenticate(services.Store, ScimAuthentication.ReadHeader(context));
        await WriteGroupAsync(context, StatusCodes.Status200OK, groups.Get(groupId));
    }

    private async Task ReplaceAsync(HttpContext context, string id)
    {
        var groupId = ScimUserEndpoints.ParseId(id);
        var (_, input) = await RequestReader.ReadScimRequestAsync(context, services.Store, GroupParser.Parse);
        await WriteGroupAsync(context, StatusCodes.Status200OK, groups.Replace(groupId, input, Release));
    }

    /// <summary>spar's patchGroup is <c>undefined</c>: any JSON body with a valid token ends in a 500.</summary>
    private async Task PatchAsync(HttpContext context, string id)
    {
        ScimUserEndpoints.ParseId(id);
        await RequestReader.ReadScimRequestAsync<JsonNode?>(context, services.Store, body => body);
        throw new WireError(StatusCodes.Status500InternalServerError, "server-error", "Server Error");
    }

    private Task DeleteAsync(HttpContext context, string id)
    {
        var groupId = ScimUserEndpoints.ParseId(id);
        ScimAuthentication.Authenticate(services.Store, ScimAuthentication.ReadHeader(context));
        groups.Delete(groupId, Release);
        return Responses.NoContent(context);
    }

    private Task WriteGroupAsync(HttpContext context, int status, StoredGroup group) =>
        Responses.WriteScimAsync(context, status, GroupRepresentation.ToJson(group, services.ScimBaseUri));

    private static string? First(HttpContext context, string name) =>
        context.Request.Query.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    /// <summary>servant's Int query parameter: optional sign and decimal digits within 64 bits, else a plain 400.</summary>
    private static long? QueryInt(HttpContext context, string name)
    {
        var text = First(context, name);
        if (text is null) return null;
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new PlainError(400, $"Error parsing query parameter {name} failed: could not parse: `{text}' (input does not start with a digit)");
    }
}

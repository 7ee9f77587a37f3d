using System.Text.Json.Nodes;
using WireScim.Emulator.Http;
using WireScim.Emulator.Store;
using WireScim.Emulator.Users;

namespace WireScim.Emulator.Endpoints;

/// <summary>/scim/v2/Users. Checks run in servant's order: capture, Accept, Content-Type, query, header, body, then spar.</summary>
internal sealed class ScimUserEndpoints(EmulatorServices services)
{
    public const string ListResponseUrn = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

    private EmulatorStore Store => services.Store;
    private int RichInfoLimit => services.Options.RichInfoLimit;

    public static void Map(IEndpointRouteBuilder routes, EmulatorServices services)
    {
        var users = new ScimUserEndpoints(services);
        routes.MapPost("/scim/v2/Users", users.CreateAsync);
        routes.MapGet("/scim/v2/Users", users.SearchAsync);
        routes.MapGet("/scim/v2/Users/{id}", users.GetAsync);
        routes.MapPut("/scim/v2/Users/{id}", users.ReplaceAsync);
        routes.MapPatch("/scim/v2/Users/{id}", users.PatchAsync);
        routes.MapDelete("/scim/v2/Users/{id}", users.DeleteAsync);
    }

    public static JsonObject ListResponse(IReadOnlyCollection<JsonNode> resources) => new()
    {
        ["Resources"] = new JsonArray(resources.ToArray()),
        ["schemas"] = new JsonArray(ListResponseUrn),
        ["totalResults"] = resources.Count,
        ["itemsPerPage"] = resources.Count,
        ["startIndex"] = 1,
    };

    private async Task CreateAsync(HttpContext context)
    {
        var (token, input) = await ReadRequestAsync(context, UserParser.Parse);
        var samlMode = token.Idp is not null;
        var user = Store.Create(UserValidation.Validate(input, "post", samlMode, RichInfoLimit), samlMode, services.Accounts);
        await WriteUserAsync(context, StatusCodes.Status201Created, user);
    }

    private async Task SearchAsync(HttpContext context)
    {
        RequestReader.CheckAccept(context);
        var filterText = context.Request.Query["filter"];
        var filter = filterText.Count > 0 ? ScimFilter.Parse(filterText.ToString()) : null;
        var token = ScimAuthentication.Authenticate(Store, ScimAuthentication.ReadHeader(context));
        if (filter is null) throw ScimError.BadRequest("tooMany", "Please specify a filter when getting users.");
        var found = filter.Find(Store, token.Idp is not null);
        JsonNode[] resources = found is null ? [] : [services.ToScimJson(found)];
        await Responses.WriteScimAsync(context, StatusCodes.Status200OK, ListResponse(resources));
    }

    private async Task GetAsync(HttpContext context, string id)
    {
        var userId = ParseId(id);
        RequestReader.CheckAccept(context);
        var token = ScimAuthentication.Authenticate(Store, ScimAuthentication.ReadHeader(context));
        var user = Store.LookUp(userId, token.Idp is not null) ?? throw ScimError.UserNotFound(userId);
        await WriteUserAsync(context, StatusCodes.Status200OK, user);
    }

    private async Task ReplaceAsync(HttpContext context, string id)
    {
        var userId = ParseId(id);
        var (token, input) = await ReadRequestAsync(context, UserParser.Parse);
        var samlMode = token.Idp is not null;
        var valid = UserValidation.Validate(input, "put", samlMode, RichInfoLimit);
        await WriteUserAsync(context, StatusCodes.Status200OK, Store.Replace(userId, valid, samlMode));
    }

    private async Task PatchAsync(HttpContext context, string id)
    {
        var userId = ParseId(id);
        var (token, operations) = await ReadRequestAsync(context, PatchRequest.Parse);
        var samlMode = token.Idp is not null;
        var user = Store.Update(userId, existing => PatchApplier.Apply(existing, operations, samlMode, RichInfoLimit), samlMode);
        await WriteUserAsync(context, StatusCodes.Status200OK, user);
    }

    /// <summary>Always 204, also for unknown ids, so as not to leak existence.</summary>
    private Task DeleteAsync(HttpContext context, string id)
    {
        var userId = ParseId(id);
        ScimAuthentication.Authenticate(Store, ScimAuthentication.ReadHeader(context));
        Store.Delete(userId);
        return Responses.NoContent(context);
    }

    /// <summary>A request with a body: the body must parse before spar checks the token.</summary>
    private Task<(ScimTokenRecord Token, T Body)> ReadRequestAsync<T>(HttpContext context, Func<JsonNode?, T> parse) =>
        RequestReader.ReadScimRequestAsync(context, Store, parse);

    internal static Guid ParseId(string id) =>
        Guid.TryParse(id, out var userId) && id.Length == 36
            ? userId
            : throw new PlainError(400, $"Error parsing capture id failed: not a UUID: {id}");

    private Task WriteUserAsync(HttpContext context, int status, StoredUser user) =>
        Responses.WriteScimAsync(context, status, services.ToScimJson(user));
}

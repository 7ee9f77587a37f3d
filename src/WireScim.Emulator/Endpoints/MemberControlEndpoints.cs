using System.Text.Json;
using System.Text.Json.Nodes;
using WireScim.Emulator.Http;
using WireScim.Emulator.Users;

namespace WireScim.Emulator.Endpoints;

/// <summary>
/// POST /_emulator/members: seeds a team member that Wire, not SCIM, manages (the owner, a Team-Settings user, or an
/// open Team-Settings invitation with "pending":true).
/// </summary>
internal static class MemberControlEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, EmulatorServices services)
    {
        routes.MapPost("/_emulator/members", async context =>
        {
            TeamMember member;
            try
            {
                member = Read(await ReadObjectAsync(context));
            }
            catch (ArgumentException e)
            {
                await Responses.WriteTextAsync(context, 400, e.Message);
                return;
            }
            try
            {
                services.Store.AddTeamMember(member);
            }
            catch (ArgumentException e)
            {
                await Responses.WriteTextAsync(context, 409, e.Message);
                return;
            }
            await Responses.WriteJsonAsync(context, StatusCodes.Status201Created, TeamListing.Of(member));
        });
    }

    private static TeamMember Read(JsonObject body)
    {
        var displayName = String(body, "displayName") ?? throw new ArgumentException("displayName is required.");
        if (CodePoints.Count(displayName) is < 1 or > 128) throw new ArgumentException("displayName must have 1 to 128 characters.");
        var handle = String(body, "handle")?.ToLowerInvariant();
        if (handle is not null && !UserValidation.IsValidHandle(handle))
            throw new ArgumentException($"handle '{handle}' is not a valid Wire handle (2-256 of a-z 0-9 _ . -).");
        if (handle is not null && HandleBlocklist.Contains(handle))
            throw new ArgumentException($"handle '{handle}' is blocked by Wire; no member can have it.");
        var email = String(body, "email");
        if (email is not null && !UserParser.IsEmail(email)) throw new ArgumentException($"email '{email}' is not an e-mail address.");
        var role = String(body, "role") ?? "member";
        if (!UserValidation.KnownRoles.Contains(role))
            throw new ArgumentException($"role '{role}' is not one of {string.Join(", ", UserValidation.KnownRoles)}.");
        var pending = body["pending"] switch
        {
            null => false,
            JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
            _ => throw new ArgumentException("pending must be true or false."),
        };
        if (pending && email is null) throw new ArgumentException("A pending invitation needs an email.");
        return new TeamMember
        {
            Id = Guid.NewGuid(),
            Handle = handle,
            DisplayName = displayName,
            Email = email,
            Role = role,
            Pending = pending,
            Joined = UserRepresentation.Now(),
        };
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body) as JsonObject ?? throw new ArgumentException("Expected a JSON object.");
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"Not JSON: {e.Message}");
        }
    }

    private static string? String(JsonObject body, string name) => body[name] switch
    {
        null => null,
        var node when node.IsString(out var text) => text,
        _ => throw new ArgumentException($"{name} must be a string."),
    };
}

using System.Text.Json.Nodes;
using WireScim.Emulator.Http;
using WireScim.Emulator.Users;

namespace WireScim.Emulator.Endpoints;

/// <summary>
/// /_emulator/*: inspection and demo helpers, no authentication (the server only listens on loopback). Accepting or
/// expiring an invitation stands in for what the invitee or brig's invitation timeout would do.
/// </summary>
internal static class ControlEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, EmulatorServices services)
    {
        routes.MapGet("/_emulator/stats", context =>
            Responses.WriteJsonAsync(context, StatusCodes.Status200OK, services.Stats.ToJson()));
        routes.MapPost("/_emulator/stats/reset", context =>
        {
            services.Stats.Reset();
            return Responses.NoContent(context);
        });
        routes.MapGet("/_emulator/users", context =>
            Responses.WriteJsonAsync(context, StatusCodes.Status200OK, new JsonArray(services.SnapshotTeam().Select(u => (JsonNode)u).ToArray())));
        routes.MapPost("/_emulator/users/{id}/accept-invitation", (HttpContext context, string id) =>
        {
            if (!Guid.TryParse(id, out var userId)) return Responses.WriteTextAsync(context, 400, "not a UUID");
            if (services.Store.AcceptInvitation(userId) is { } user) return Responses.WriteScimAsync(context, 200, services.ToScimJson(user));
            try
            {
                return services.Store.AcceptTeamInvitation(userId) is { } member
                    ? Responses.WriteJsonAsync(context, 200, TeamListing.Of(member))
                    : Responses.WriteTextAsync(context, 404, $"User {id} not found");
            }
            catch (ArgumentException e)
            {
                return Responses.WriteTextAsync(context, 409, e.Message);
            }
        });
        routes.MapPost("/_emulator/users/{id}/expire-invitation", (HttpContext context, string id) =>
            Guid.TryParse(id, out var userId) && services.Store.ExpireInvitation(userId)
                ? Responses.NoContent(context)
                : Responses.WriteTextAsync(context, 404, $"No pending invitation for user {id}"));
        MemberControlEndpoints.Map(routes, services);
        VerificationCodeControlEndpoints.Map(routes, services);
    }
}

using System.Text.Json.Nodes;
using WireScim.Emulator.Http;
using WireScim.Emulator.Users;

namespace WireScim.Emulator.Endpoints;

/// <summary>GET /_emulator/verification-codes?email=E: the second-factor codes brig would have e-mailed, oldest first.</summary>
internal static class VerificationCodeControlEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, EmulatorServices services)
    {
        routes.MapGet("/_emulator/verification-codes", context =>
        {
            var email = context.Request.Query["email"].ToString();
            var codes = services.Codes.Mailed(email.Length == 0 ? null : email).Select(code => (JsonNode)new JsonObject
            {
                ["email"] = code.Email,
                ["action"] = code.Action,
                ["code"] = code.Value,
                ["sentAt"] = UserRepresentation.FormatTimestamp(code.SentAt),
                ["expiresAt"] = UserRepresentation.FormatTimestamp(code.ExpiresAt),
            });
            return Responses.WriteJsonAsync(context, StatusCodes.Status200OK, new JsonArray(codes.ToArray()));
        });
    }
}

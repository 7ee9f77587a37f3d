using System.Text.Json.Nodes;
using WireScim.Emulator.Http;
using WireScim.Emulator.Users;

namespace WireScim.Emulator.Endpoints;

/// <summary>/ServiceProviderConfig, /Schemas and /ResourceTypes: static, no authentication (hscim's Meta.empty).</summary>
internal static class DiscoveryEndpoints
{
    private const string SpcUrn = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    private const string GroupUrn = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private const string SchemaUrn = "urn:ietf:params:scim:schemas:core:2.0:Schema";
    private const string ResourceTypeUrn = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";

    /// <summary>The golden ServiceProviderConfig; its claims (no filter, httpbasic) are wrong but are what spar serves.</summary>
    private const string ServiceProviderConfig = """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig",
                    "urn:ietf:params:scim:schemas:core:2.0:Group","urn:ietf:params:scim:schemas:core:2.0:Schema",
                    "urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
         "patch":{"supported":true},
         "bulk":{"supported":false,"maxOperations":0,"maxPayloadSize":0},
         "filter":{"supported":false,"maxResults":0},
         "changePassword":{"supported":false},"sort":{"supported":false},"etag":{"supported":false},
         "authenticationSchemes":[{"type":"httpbasic","name":"HTTP Basic","description":"Authentication via the HTTP Basic standard",
           "specUri":"https://tools.ietf.org/html/rfc7617","documentationUri":"https://en.wikipedia.org/wiki/Basic_access_authentication"}]}
        """;

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/scim/v2/ServiceProviderConfig", context =>
            Responses.WriteScimAsync(context, StatusCodes.Status200OK, JsonNode.Parse(ServiceProviderConfig)!));
        routes.MapGet("/scim/v2/Schemas", context =>
            Responses.WriteScimAsync(context, StatusCodes.Status200OK, ScimUserEndpoints.ListResponse(Schemas().ToArray())));
        routes.MapGet("/scim/v2/Schemas/{**uri}", (HttpContext context, string uri) =>
        {
            var schema = Schemas().FirstOrDefault(s => (string?)s["id"] == uri)
                ?? throw new ScimError(404, null, $"Schema {uri} not found");
            return Responses.WriteScimAsync(context, StatusCodes.Status200OK, schema);
        });
        routes.MapGet("/scim/v2/ResourceTypes", context =>
            Responses.WriteScimAsync(context, StatusCodes.Status200OK, ScimUserEndpoints.ListResponse(
            [
                new JsonObject { ["name"] = "User", ["endpoint"] = "/Users", ["schema"] = UserRepresentation.CoreUserUrn },
                new JsonObject { ["name"] = "Group", ["endpoint"] = "/Groups", ["schema"] = GroupUrn },
            ])));
    }

    private static IEnumerable<JsonObject> Schemas()
    {
        yield return Schema(UserRepresentation.CoreUserUrn, "User", "User Account",
            Attribute("userName", "string", required: true, uniqueness: "server"),
            Attribute("displayName", "string"),
            Attribute("externalId", "string"),
            Attribute("preferredLanguage", "string"),
            Attribute("active", "boolean"),
            Attribute("emails", "complex", multiValued: true),
            Attribute("roles", "complex", multiValued: true));
        yield return Schema(SpcUrn, "Service Provider Configuration", "Schema for representing the service provider's configuration",
            Attribute("patch", "complex", required: true),
            Attribute("bulk", "complex", required: true),
            Attribute("filter", "complex", required: true),
            Attribute("changePassword", "complex", required: true),
            Attribute("sort", "complex", required: true),
            Attribute("etag", "complex", required: true),
            Attribute("authenticationSchemes", "complex", required: true, multiValued: true));
        yield return Schema(GroupUrn, "Group", "Group",
            Attribute("displayName", "string", required: true),
            Attribute("members", "complex", multiValued: true));
        yield return Schema(SchemaUrn, "Schema", "Specifies the schema attribute definitions",
            Attribute("id", "string", required: true),
            Attribute("name", "string"),
            Attribute("description", "string"),
            Attribute("attributes", "complex", required: true, multiValued: true));
        yield return Schema(ResourceTypeUrn, "ResourceType", "Specifies the schema that describes a SCIM resource type",
            Attribute("name", "string", required: true),
            Attribute("endpoint", "reference", required: true),
            Attribute("schema", "reference", required: true),
            Attribute("schemaExtensions", "complex", multiValued: true));
    }

    private static JsonObject Schema(string id, string name, string description, params JsonObject[] attributes) => new()
    {
        ["schemas"] = new JsonArray(SchemaUrn),
        ["id"] = id,
        ["name"] = name,
        ["description"] = description,
        ["attributes"] = new JsonArray(attributes),
    };

    private static JsonObject Attribute(string name, string type, bool required = false, bool multiValued = false, string uniqueness = "none") => new()
    {
        ["name"] = name,
        ["type"] = type,
        ["multiValued"] = multiValued,
        ["required"] = required,
        ["caseExact"] = false,
        ["mutability"] = "readWrite",
        ["returned"] = "default",
        ["uniqueness"] = uniqueness,
    };
}

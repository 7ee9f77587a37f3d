using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace WireScim.Emulator.Tests;

public sealed class DiscoveryTests
{
    private const string GoldenServiceProviderConfig = """
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

    [Fact]
    public async Task Service_provider_config_is_the_golden_document_without_auth()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var reply = await emulator.SendAsync(HttpMethod.Get, "scim/v2/ServiceProviderConfig", token: null);
        Assert.Equal(200, reply.Status);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(GoldenServiceProviderConfig), reply.Json));
    }

    [Fact]
    public async Task Schemas_lists_five_documents_each_fetchable_by_uri()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var list = await emulator.SendAsync(HttpMethod.Get, "scim/v2/Schemas", token: null);
        Assert.Equal(5, (int)list.Object["totalResults"]!);
        var ids = list.Object["Resources"]!.AsArray().Select(s => (string)s!["id"]!).ToList();
        Assert.Equal(["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig",
            "urn:ietf:params:scim:schemas:core:2.0:Group", "urn:ietf:params:scim:schemas:core:2.0:Schema",
            "urn:ietf:params:scim:schemas:core:2.0:ResourceType"], ids);
        foreach (var id in ids)
        {
            var one = await emulator.SendAsync(HttpMethod.Get, "scim/v2/Schemas/" + id, token: null);
            Assert.Equal(id, (string?)one.Object["id"]);
        }
    }

    [Fact]
    public async Task Unknown_schema_is_a_scim_404()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var reply = await emulator.SendAsync(HttpMethod.Get, "scim/v2/Schemas/urn:wire:nope", token: null);
        ScimAssert.Error(reply, 404, null, "Schema urn:wire:nope not found");
    }

    [Fact]
    public async Task Resource_types_are_user_and_group()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var reply = await emulator.SendAsync(HttpMethod.Get, "scim/v2/ResourceTypes", token: null);
        Assert.Equal("""[{"name":"User","endpoint":"/Users","schema":"urn:ietf:params:scim:schemas:core:2.0:User"},{"name":"Group","endpoint":"/Groups","schema":"urn:ietf:params:scim:schemas:core:2.0:Group"}]""",
            reply.Object["Resources"]!.ToJsonString());
    }
}

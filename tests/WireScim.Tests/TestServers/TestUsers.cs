namespace WireScim.Tests.TestServers
{
    /// <summary>SCIM payloads (users, list responses, errors) for fakes and raw servers to answer with.</summary>
    internal static class TestUsers
    {
        public const string AliceId = "f5a361e7-d185-4fee-b290-bdb08f2291ac";
        public const string OtherId = "0b7e6a55-3c1f-4f0e-9d6b-2a9d3f2c4e11";

        public static string Json(string id, string userName, string externalId, string? displayName = null) =>
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"id\":\"" + id + "\",\"userName\":\"" + userName +
            "\",\"externalId\":\"" + externalId + "\"" + (displayName == null ? string.Empty : ",\"displayName\":\"" + displayName + "\"") +
            ",\"active\":true,\"roles\":[\"member\"]}";

        public static string List(params string[] users) =>
            "{\"Resources\":[" + string.Join(",", users) + "],\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"],\"totalResults\":" +
            users.Length + ",\"itemsPerPage\":" + users.Length + ",\"startIndex\":1}";

        public static string ScimError(int status, string? scimType, string detail) =>
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"" + status + "\"" +
            (scimType == null ? string.Empty : ",\"scimType\":\"" + scimType + "\"") + ",\"detail\":" + System.Text.Json.JsonSerializer.Serialize(detail) + "}";
    }
}

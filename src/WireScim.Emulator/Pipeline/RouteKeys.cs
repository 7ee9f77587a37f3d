namespace WireScim.Emulator.Pipeline;

/// <summary>Classifies a request (path without the /vN prefix) for counting, throttling and faults.</summary>
internal static class RouteKeys
{
    public const string ScimPrefix = "/scim/v2";
    public const string UsersPath = "/scim/v2/Users";
    public const string GroupsPath = "/scim/v2/Groups";
    public const string TokensPath = "/scim/auth-tokens";

    public static bool IsScim(string path) => path == ScimPrefix || path.StartsWith(ScimPrefix + "/", StringComparison.Ordinal);

    public static bool IsUsers(string path) => path == UsersPath || path.StartsWith(UsersPath + "/", StringComparison.Ordinal);

    public static bool IsGroups(string path) => path == GroupsPath || path.StartsWith(GroupsPath + "/", StringComparison.Ordinal);

    public static bool IsGroupWrite(string method, string path) => IsGroups(path) && method is "POST" or "PUT" or "PATCH" or "DELETE";

    public static bool IsGroupLookup(string method, string path) => IsGroups(path) && method == "GET";

    public const string SendCodePath = "/verification-code/send";

    public static bool IsTokenApi(string path) =>
        path == "/login" || path == SendCodePath || path == TokensPath || path.StartsWith(TokensPath + "/", StringComparison.Ordinal);

    public static bool IsUserWrite(string method, string path) => IsUsers(path) && method is "POST" or "PUT" or "PATCH" or "DELETE";

    public static bool IsUserLookup(string method, string path) => IsUsers(path) && method == "GET";

    /// <summary>e.g. "POST /scim/v2/Users", "GET /scim/v2/Users/{id}", "PUT /scim/auth-tokens/{id}", "GET (other)".</summary>
    public static string For(string method, string path)
    {
        string? template = path switch
        {
            UsersPath or GroupsPath or TokensPath or "/login" or SendCodePath or "/api-version" or
                "/scim/v2/ServiceProviderConfig" or "/scim/v2/Schemas" or "/scim/v2/ResourceTypes" => path,
            _ when IsSingleSegmentBelow(path, UsersPath) => UsersPath + "/{id}",
            _ when IsSingleSegmentBelow(path, GroupsPath) => GroupsPath + "/{id}",
            _ when IsSingleSegmentBelow(path, TokensPath) => TokensPath + "/{id}",
            _ when IsSingleSegmentBelow(path, "/scim/v2/Schemas") => "/scim/v2/Schemas/{uri}",
            _ => null,
        };
        return $"{method} {template ?? "(other)"}";
    }

    private static bool IsSingleSegmentBelow(string path, string parent) =>
        path.Length > parent.Length + 1 && path.StartsWith(parent + "/", StringComparison.Ordinal) &&
        path.IndexOf('/', parent.Length + 1) < 0;
}

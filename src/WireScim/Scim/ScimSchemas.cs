namespace WireScim.Scim
{
    internal static class ScimSchemas
    {
        public const string User = "urn:ietf:params:scim:schemas:core:2.0:User";
        public const string Group = "urn:ietf:params:scim:schemas:core:2.0:Group";
        public const string UserPrefix = User + ":";
        public const string WireProfile = "urn:wire:scim:schemas:profile:1.0";
        public const string WireRichInfoMap = "urn:ietf:params:scim:schemas:extension:wire:1.0:User";
        public const string ListResponse = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
        public const string Error = "urn:ietf:params:scim:api:messages:2.0:Error";
        public const string PatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    }
}

using System;
using WireScim.Validation;

using WireScim.Scim;

namespace WireScim.Provisioning
{
    /// <summary>One member as the input names it, before it is resolved to a Wire user id.</summary>
    internal sealed class MemberReference
    {
        public MemberReference(MemberKeyKind kind, string value, User? known = null)
        {
            Kind = kind;
            Value = kind == MemberKeyKind.Id && Guid.TryParse(value, out var id) ? id.ToString("D") : value;
            Known = known;
        }

        public static MemberReference Of(User user) => new MemberReference(MemberKeyKind.Id, user.Id!, user);

        public MemberKeyKind Kind { get; }
        public string Value { get; }

        /// <summary>The user as piped in (from Get-WireScimUser), when it came as an object: no look-up needed.</summary>
        public User? Known { get; }

        /// <summary>The key a resolution is cached under: handles are compared in lowercase, as Wire does.</summary>
        public string CacheKey => Kind switch
        {
            MemberKeyKind.UserName => "userName:" + Value.ToLowerInvariant(),
            MemberKeyKind.ExternalId => "externalId:" + Value,
            _ => "id:" + Value.ToLowerInvariant(),
        };

        public override string ToString()
        {
            var shown = SafeText.Show(Known?.UserName ?? Value);
            return Kind switch
            {
                MemberKeyKind.UserName => $"userName '{shown}'",
                MemberKeyKind.ExternalId => $"externalId '{shown}'",
                _ => Known?.UserName != null ? $"'{shown}' ({Value})" : $"id {Value}",
            };
        }
    }
}

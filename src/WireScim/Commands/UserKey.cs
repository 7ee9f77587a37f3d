using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using WireScim.Provisioning;
using WireScim.Scim;

namespace WireScim.Commands
{
    /// <summary>The attribute a command names a user by.</summary>
    internal enum UserKeyKind
    {
        Id,
        UserName,
        ExternalId,
    }

    /// <summary>How a user is named in a command: by Wire id, handle or externalId.</summary>
    internal sealed class UserKey
    {
        public UserKey(UserKeyKind kind, string value)
        {
            Kind = kind;
            Value = value;
        }

        public UserKeyKind Kind { get; }
        public string Value { get; }

        /// <summary>The SCIM attribute name, as messages show it.</summary>
        public string Attribute => Kind switch
        {
            UserKeyKind.Id => "id",
            UserKeyKind.UserName => "userName",
            _ => "externalId",
        };

        public override string ToString() => $"{Attribute} '{SafeText.Show(Value)}'";

        /// <summary>The keys from the highest-precedence list given: Id, then UserName, then ExternalId. Null when none is given.</summary>
        public static IReadOnlyList<UserKey>? Select(string[]? ids, string[]? userNames, string[]? externalIds)
        {
            // A blank key (an empty CSV cell) does not count: a row with a blank UserName and an ExternalId goes by the ExternalId.
            var (kind, values) = HasValue(ids) ? (UserKeyKind.Id, ids)
                : HasValue(userNames) ? (UserKeyKind.UserName, userNames)
                : HasValue(externalIds) ? (UserKeyKind.ExternalId, externalIds)
                : (UserKeyKind.Id, null);
            if (values == null) return null;
            var keys = new List<UserKey>();
            foreach (var value in values)
                if (!string.IsNullOrWhiteSpace(value)) keys.Add(new UserKey(kind, value.Trim()));
            return keys;
        }

        private static bool HasValue(string[]? values) => values != null && System.Linq.Enumerable.Any(values, value => !string.IsNullOrWhiteSpace(value));

        public const string RequiredMessage =
            "Name the user with -Id, -UserName or -ExternalId (or pipe users from Get-WireScimUser or Import-Csv). Wire's SCIM API cannot list a team's users, so there is no 'get all'.";

        /// <summary>The user this key names; a key that names nobody is an error.</summary>
        public async Task<User> FindAsync(UserProvisioner provisioner, CancellationToken token)
        {
            var user = Kind switch
            {
                UserKeyKind.Id => await provisioner.FindAsync(Value, null, null, token).ConfigureAwait(false),
                UserKeyKind.UserName => await provisioner.FindAsync(null, Value, null, token).ConfigureAwait(false),
                _ => await provisioner.FindAsync(null, null, Value, token).ConfigureAwait(false),
            };
            return user ?? throw new WireScimException(WireScimErrorKind.NotFound, ErrorIds.UserNotFound,
                $"No Wire user with {this} in this team{(Kind == UserKeyKind.UserName ? " (handles are compared in lowercase)" : string.Empty)}.");
        }
    }
}

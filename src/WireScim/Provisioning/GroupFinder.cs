using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using WireScim.Scim;

namespace WireScim.Provisioning
{
    /// <summary>Finds groups by exact name, and turns what a user typed for -Group (a group, an id or a name) into one group id.</summary>
    internal static class GroupFinder
    {
        /// <summary>
        /// Every SCIM group named exactly <paramref name="displayName"/> (names are not unique). Wire's only filter
        /// is a case-insensitive substring match with wildcards, so the answer is narrowed here.
        /// </summary>
        public static async Task<List<Group>> FindByNameAsync(GroupClient client, string displayName, CancellationToken cancellationToken)
        {
            var pager = new GroupPager(client, ScimFilter.LiteralRunOf(displayName));
            var matches = await pager.AllAsync(cancellationToken).ConfigureAwait(false);
            return matches.Where(group => string.Equals(group.DisplayName, displayName, StringComparison.Ordinal)).ToList();
        }

        /// <summary>The id of the one group a name or id stands for.</summary>
        public static async Task<string> ResolveIdAsync(GroupClient client, string idOrName, CancellationToken cancellationToken)
        {
            if (Guid.TryParse(idOrName, out var id)) return id.ToString("D");
            var matches = await FindByNameAsync(client, idOrName, cancellationToken).ConfigureAwait(false);
            var shown = SafeText.Show(idOrName);
            if (matches.Count == 1) return matches[0].Id!;
            if (matches.Count == 0)
                throw new WireScimException(WireScimErrorKind.NotFound, ErrorIds.GroupNotFound,
                    $"No SCIM group named '{shown}' in this team (names are compared exactly, case included). Get-WireScimGroup lists them.");
            throw new WireScimException(WireScimErrorKind.InvalidRequest, ErrorIds.GroupNameAmbiguous,
                $"{matches.Count} Wire groups are named '{shown}' (Wire does not keep names unique): {string.Join(", ", matches.Select(m => m.Id))}. Name the group by its id.");
        }
    }
}

using System.Collections.Generic;
using System.Management.Automation;
using WireScim.Scim;

namespace WireScim.Commands
{
    /// <summary>Deletes users for good. Disable-WireScimUser is the reversible alternative.</summary>
    [Cmdlet(VerbsCommon.Remove, "WireScimUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveWireScimUserCommand : UserKeyCmdlet
    {
        internal override string Activity => "Removing Wire users";

        protected override void ProcessRecord()
        {
            foreach (var (key, state) in CurrentKeys())
            {
                if (!ShouldProcess(Describe(key), "Delete permanently")) continue;
                Users.Enqueue(state,
                    async (session, token) =>
                    {
                        // Wire answers 204 even for ids it does not know, so handles and externalIds are resolved first
                        // to report a user that is not there.
                        var id = key.Kind == UserKeyKind.Id ? key.Value : (await key.FindAsync(session.Provisioner, token).ConfigureAwait(false)).Id!;
                        await session.Client.DeleteAsync(id, token).ConfigureAwait(false);
                        return id;
                    },
                    id => WriteVerbose($"{state.Prefix}deleted Wire user {id}. Wire removes it asynchronously: a lookup may still find it for a short while."));
            }
        }

        /// <summary>
        /// The user as the confirmation names it: "Wire user 'jdoe' (externalId 'jane.doe@example.com', id 65b3...)"
        /// for a user piped from Get-WireScimUser, whose handle and externalId are bound along with the id.
        /// </summary>
        private string Describe(UserKey key)
        {
            var userName = Single(UserName);
            var externalId = Single(ExternalId);
            var id = Single(Id);
            if (key.Kind == UserKeyKind.ExternalId || userName == null)
                return externalId != null && key.Kind == UserKeyKind.Id ? $"Wire user with externalId '{SafeText.Show(externalId)}' (id {key.Value})" : $"Wire user with {key}";
            var details = new List<string>();
            if (externalId != null) details.Add($"externalId '{SafeText.Show(externalId)}'");
            if (id != null) details.Add($"id {id}");
            return $"Wire user '{SafeText.Show(userName)}'" + (details.Count > 0 ? $" ({string.Join(", ", details)})" : string.Empty);
        }

        private static string? Single(string[]? values) =>
            values is { Length: 1 } && !string.IsNullOrWhiteSpace(values[0]) ? values[0].Trim() : null;
    }
}

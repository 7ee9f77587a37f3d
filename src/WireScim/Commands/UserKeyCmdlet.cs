using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using WireScim.Provisioning;
using WireScim.Scim;

namespace WireScim.Commands
{
    /// <summary>How a user is named in a command: by Wire id, handle or externalId.</summary>
    internal sealed class UserKey
    {
        public UserKey(string attribute, string value)
        {
            Attribute = attribute;
            Value = value;
        }

        public string Attribute { get; }
        public string Value { get; }
        public override string ToString() => $"{Attribute} '{Validation.UserValidator.Show(Value)}'";
    }

    /// <summary>
    /// Cmdlets that act on existing users named by -Id, -UserName or -ExternalId, or piped from Get-WireScimUser.
    /// When several keys are given, Id wins, then UserName, then ExternalId. Wire cannot list a team's users,
    /// so one of them is needed.
    /// </summary>
    public abstract class UserKeyCmdlet : BulkCmdlet
    {
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("ScimId")]
        public string[]? Id { get; set; }

        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("SamAccountName", "Handle")]
        public string[]? UserName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("UserPrincipalName", "NameId")]
        public string[]? ExternalId { get; set; }

        private int _row;

        /// <summary>The keys of the current record, from the highest-precedence parameter given.</summary>
        internal IReadOnlyList<(UserKey Key, WorkState State)> CurrentKeys()
        {
            _row++;
            // A blank key (an empty CSV cell) does not count: a row with a blank UserName and an ExternalId goes by the ExternalId.
            var (attribute, values) = HasValue(Id) ? ("id", Id)
                : HasValue(UserName) ? ("userName", UserName)
                : HasValue(ExternalId) ? ("externalId", ExternalId)
                : (null, null);
            var keys = new List<(UserKey, WorkState)>();
            if (attribute == null)
            {
                var prefix = MyInvocation.ExpectingInput ? $"Row {_row}: " : string.Empty;
                var message = prefix + "Name the user with -Id, -UserName or -ExternalId (or pipe users from Get-WireScimUser or Import-Csv); "
                    + (MyInvocation.ExpectingInput ? "this row has none, or only blank ones. " : string.Empty)
                    + "Wire's SCIM API cannot list a team's users, so there is no 'get all'.";
                var record = new ErrorRecord(new ArgumentException(message), "WireScim.UserKeyRequired", ErrorCategory.InvalidArgument, CurrentPipelineObject);
                record.ErrorDetails = new ErrorDetails(message);
                WriteError(record);
                return keys;
            }
            foreach (var value in values!)
            {
                if (string.IsNullOrWhiteSpace(value)) continue;
                var key = new UserKey(attribute, value.Trim());
                var prefix = MyInvocation.ExpectingInput ? $"Row {_row} ({key}): " : null;
                keys.Add((key, new WorkState(_row, InputFor(key), prefix)));
            }
            return keys;
        }

        private static bool HasValue(string[]? values) => values != null && values.Any(value => !string.IsNullOrWhiteSpace(value));

        private object InputFor(UserKey key) => (object?)CurrentPipelineObject ?? key.Value;

        /// <summary>The piped object, when the cmdlet binds one, used as the error target.</summary>
        internal virtual object? CurrentPipelineObject => null;

        internal static async Task<User> FindOrFailAsync(UserProvisioner provisioner, UserKey key, CancellationToken token)
        {
            var user = key.Attribute switch
            {
                "id" => await provisioner.FindAsync(key.Value, null, null, token).ConfigureAwait(false),
                "userName" => await provisioner.FindAsync(null, key.Value, null, token).ConfigureAwait(false),
                _ => await provisioner.FindAsync(null, null, key.Value, token).ConfigureAwait(false),
            };
            return user ?? throw new WireScimException(WireScimErrorKind.NotFound, "WireScim.UserNotFound",
                $"No Wire user with {key} in this team{(key.Attribute == "userName" ? " (handles are compared in lowercase)" : string.Empty)}.");
        }
    }
}

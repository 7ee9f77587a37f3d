using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using WireScim.Provisioning;
using WireScim.Validation;

using WireScim.Scim;

namespace WireScim.Commands
{
    /// <summary>
    /// Turns what admins give as group members into member references: WireScim.User objects (from Get-WireScimUser),
    /// Wire user ids, handles, and objects with Id, UserName (SamAccountName, Handle) or ExternalId (UserPrincipalName,
    /// NameId), such as Get-ADGroupMember output or CSV rows. An object's Id wins, then its UserName, then its ExternalId.
    /// </summary>
    internal static class GroupMemberBinder
    {
        private static readonly string[] IdNames = { "Id", "ScimId" };
        private static readonly string[] UserNameNames = { "UserName", "SamAccountName", "Handle" };
        private static readonly string[] ExternalIdNames = { "ExternalId", "UserPrincipalName", "NameId" };
        private static readonly string[] ObjectClassNames = { "ObjectClass" };

        /// <summary>Every member in <paramref name="values"/> (arrays and lists unrolled), and the problems of those that name no user.</summary>
        public static List<MemberReference> Bind(IEnumerable? values, List<string> problems)
        {
            var members = new List<MemberReference>();
            if (values == null) return members;
            foreach (var value in values) BindOne(value, members, problems);
            return members;
        }

        private static void BindOne(object? value, List<MemberReference> members, List<string> problems)
        {
            var inner = value is PSObject wrapped ? wrapped.BaseObject : value;
            switch (inner)
            {
                case null:
                    return;
                case User user when !string.IsNullOrEmpty(user.Id):
                    members.Add(MemberReference.Of(user));
                    return;
                case Guid id:
                    members.Add(new MemberReference(MemberKeyKind.Id, id.ToString("D")));
                    return;
                case string text:
                    BindText(text, members, problems);
                    return;
                case IEnumerable many when inner is not IDictionary:
                    foreach (var item in many) BindOne(item, members, problems);
                    return;
            }
            var properties = value as PSObject ?? PSObject.AsPSObject(inner);
            if (string.Equals(First(properties, ObjectClassNames), "group", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"The member '{SafeText.Show(First(properties, UserNameNames) ?? inner.ToString())}' is a group, and Wire groups hold only users: use Get-ADGroupMember -Recursive to list the users of nested groups.");
                return;
            }
            var idText = First(properties, IdNames);
            if (idText != null && Guid.TryParse(idText, out var parsed)) { members.Add(new MemberReference(MemberKeyKind.Id, parsed.ToString("D"))); return; }
            var userName = First(properties, UserNameNames);
            if (userName != null) { members.Add(new MemberReference(MemberKeyKind.UserName, userName)); return; }
            var externalId = First(properties, ExternalIdNames);
            if (externalId != null) { members.Add(new MemberReference(MemberKeyKind.ExternalId, externalId)); return; }
            problems.Add($"The member '{SafeText.Show(inner.ToString())}' names no Wire user: give WireScim.User objects, Wire ids, handles, or objects with Id, UserName (SamAccountName) or ExternalId (UserPrincipalName).");
        }

        private static void BindText(string text, List<MemberReference> members, List<string> problems)
        {
            var trimmed = text.Trim();
            if (trimmed.Length == 0) return;
            if (Guid.TryParse(trimmed, out var id)) members.Add(new MemberReference(MemberKeyKind.Id, id.ToString("D")));
            else if (trimmed.IndexOf('=') > 0 && trimmed.IndexOf(',') > 0)
                problems.Add($"The member '{SafeText.Show(trimmed)}' is a distinguished name, which Wire does not know: pipe Get-ADGroupMember output (it carries SamAccountName) instead of the group's Members property.");
            else members.Add(new MemberReference(MemberKeyKind.UserName, trimmed));
        }

        private static string? First(PSObject properties, string[] names)
        {
            foreach (var name in names)
            {
                var value = properties.Properties[name]?.Value;
                if (value is PSObject wrapped) value = wrapped.BaseObject;
                var text = value?.ToString()?.Trim();
                if (!string.IsNullOrEmpty(text)) return text;
            }
            return null;
        }
    }
}

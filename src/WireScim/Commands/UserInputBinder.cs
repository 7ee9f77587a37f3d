using System;
using WireScim.Scim;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using WireScim.Validation;

namespace WireScim.Commands
{
    /// <summary>
    /// Turns one pipeline object plus the bound parameters into a validated user. Knows the shapes admins pipe in:
    /// Import-Csv rows and Get-ADUser objects (which carry DisplayName and mail only when requested with -Properties).
    /// </summary>
    internal static class UserInputBinder
    {
        public static bool IsActiveDirectoryUser(PSObject? input) =>
            input != null && input.Properties["DistinguishedName"] != null && input.Properties["SamAccountName"] != null;

        /// <summary>Copies the named properties of the input into rich-info fields; names missing from the input are problems.</summary>
        public static IDictionary? RichInfoFrom(PSObject? input, IDictionary? given, string[]? propertyNames, List<ValidationProblem> problems)
        {
            if (propertyNames == null || propertyNames.Length == 0) return given;
            var fields = new Hashtable(StringComparer.OrdinalIgnoreCase);
            var ordered = new System.Collections.Specialized.OrderedDictionary();
            if (given != null) foreach (DictionaryEntry entry in given) ordered[entry.Key] = entry.Value;
            foreach (var name in propertyNames)
            {
                var property = input?.Properties[name];
                if (property == null)
                {
                    problems.Add(new ValidationProblem("RichInfo", ErrorIds.MissingRichInfoProperty, "property present in input", name,
                        $"The input has no property '{name}' named by -RichInfoProperty. Check the CSV header or the Get-ADUser -Properties list."));
                    continue;
                }
                ordered[property.Name] = property.Value is PSObject wrapped ? wrapped.BaseObject : property.Value;
            }
            return ordered;
        }

        /// <summary>The AD-specific problems: properties Get-ADUser leaves out unless asked for.</summary>
        public static void CheckActiveDirectoryShape(PSObject? input, UserInput user, List<ValidationProblem> problems)
        {
            if (!IsActiveDirectoryUser(input)) return;
            if (user.DisplayName == null && input!.Properties["DisplayName"] == null)
                problems.Add(new ValidationProblem("DisplayName", ErrorIds.ADPropertyMissing, "requested AD property", null,
                    "The AD user has no DisplayName property: Get-ADUser returns it only when asked. Use Get-ADUser ... -Properties DisplayName,mail (or pass -DisplayName)."));
        }

        /// <summary>Turns a hashtable, PSObject or dictionary parameter value into a dictionary, keeping order.</summary>
        public static IDictionary? AsDictionary(object? value)
        {
            switch (value)
            {
                case null: return null;
                case PSObject wrapped when wrapped.BaseObject is IDictionary inner: return inner;
                case IDictionary dictionary: return dictionary;
                case PSObject custom:
                    var fields = new System.Collections.Specialized.OrderedDictionary();
                    foreach (var property in custom.Properties) fields[property.Name] = property.Value;
                    return fields;
                default: return null;
            }
        }

        /// <summary>"Row 3 (jdoe): " for pipeline input; null for values given as parameters.</summary>
        public static string? RowPrefix(bool fromPipeline, int row, string? name) =>
            fromPipeline ? string.Format(CultureInfo.InvariantCulture, "Row {0}{1}: ", row, string.IsNullOrEmpty(name) ? string.Empty : $" ({SafeText.Show(name)})") : null;
    }
}

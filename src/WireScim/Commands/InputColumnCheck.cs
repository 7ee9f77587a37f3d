using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using WireScim.Scim;

namespace WireScim.Commands
{
    /// <summary>
    /// Looks at the first piped object: when none of its properties can bind to the parameters that name a user
    /// (a CSV export with headers such as "First Name", "Email", "Employee ID", or a file separated by ';'), no row
    /// can succeed, so the command ends once with the columns seen and a Select-Object that maps them.
    /// </summary>
    internal static class InputColumnCheck
    {
        private static readonly Regex MailColumn = new Regex("mail", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex IdColumn = new Regex(@"\b(id|login|account|user|number|no)\b|(id|login)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex FirstNameColumn = new Regex("first|given|fore|vorname", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex LastNameColumn = new Regex("last|sur|family|nachname", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        /// <summary>The error to end the command with, or null when the object has a property for one of the key parameters.</summary>
        /// <param name="keyParameters">The parameters that name a user (e.g. UserName, ExternalId), with their aliases.</param>
        public static ErrorRecord? Check(PSObject? input, CommandInfo command, IReadOnlyList<string> keyParameters)
        {
            if (input == null || input.BaseObject is string || input.BaseObject is ValueType) return null;
            var columns = input.Properties.Select(p => p.Name).ToList();
            if (columns.Count == 0) return null;
            var bindable = new List<string>();
            foreach (var name in keyParameters)
            {
                if (!command.Parameters.TryGetValue(name, out var parameter)) continue;
                bindable.Add(name);
                bindable.AddRange(parameter.Aliases);
            }
            if (columns.Any(column => bindable.Contains(column, StringComparer.OrdinalIgnoreCase))) return null;

            var verb = command.Name;
            string message;
            string errorId;
            if (columns.Count == 1 && columns[0].IndexOf(';') >= 0)
            {
                errorId = ErrorIds.SemicolonSeparatedFile;
                message = $"The input's only column is '{Show(columns[0])}': its header holds ';', so the file is separated by semicolons (as Excel saves CSV files in many European locales). "
                    + $"Read it with Import-Csv <file> -Delimiter ';' (or -UseCulture), then pipe it to {verb}.";
            }
            else
            {
                errorId = ErrorIds.NoColumnBinds;
                var expected = string.Join(" or ", keyParameters.Where(command.Parameters.ContainsKey)
                    .Select(name => $"{name}{Aliases(command.Parameters[name])}"));
                message = $"No column of the input names a Wire user, so no row can be sent: {verb} needs a column {expected}. "
                    + $"Columns seen: {string.Join(", ", columns.Select(c => "'" + Show(c) + "'"))}. "
                    + $"Rename them on the way in with Select-Object, for example: Import-Csv <file> | Select-Object {Mapping(columns)}, * | {verb}. "
                    + $"Get-Help {verb} -Examples shows more.";
            }
            var error = new ArgumentException(message);
            var record = new ErrorRecord(error, errorId, ErrorCategory.InvalidData, input);
            record.ErrorDetails = new ErrorDetails(message);
            return record;
        }

        private static string Aliases(ParameterMetadata parameter) =>
            parameter.Aliases.Count == 0 ? string.Empty : $" (or {string.Join(", ", parameter.Aliases)})";

        /// <summary>A Select-Object mapping built from the columns seen, with placeholders where nothing fits.</summary>
        private static string Mapping(IReadOnlyList<string> columns)
        {
            string? Find(Regex pattern, params string?[] not) =>
                columns.FirstOrDefault(c => pattern.IsMatch(c) && !not.Contains(c));
            var mail = Find(MailColumn);
            var id = Find(IdColumn, mail);
            var first = Find(FirstNameColumn, mail, id);
            var last = Find(LastNameColumn, mail, id, first);
            var userName = first != null && last != null ? $"$_.{Quote(first)} + '.' + $_.{Quote(last)}" : id != null ? $"$_.{Quote(id)}" : "$_.'<handle column>'";
            var displayName = first != null && last != null ? $"$_.{Quote(first)} + ' ' + $_.{Quote(last)}" : "$_.'<name column>'";
            var externalId = mail != null ? $"$_.{Quote(mail)}" : "$_.'<e-mail or SAML NameID column>'";
            return $"@{{n='UserName';e={{{userName}}}}}, @{{n='DisplayName';e={{{displayName}}}}}, @{{n='ExternalId';e={{{externalId}}}}}";
        }

        private static string Quote(string column) =>
            Regex.IsMatch(column, "^[A-Za-z_][A-Za-z0-9_]*$") ? column : "'" + column.Replace("'", "''") + "'";

        private static string Show(string column) => Scim.SafeText.Sanitise(column, 80);
    }
}

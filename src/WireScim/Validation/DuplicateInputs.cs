using System;
using WireScim.Scim;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace WireScim.Validation
{
    /// <summary>Finds inputs that share a handle or externalId: which of them is meant cannot be known, so none is sent.</summary>
    internal static class DuplicateInputs
    {
        /// <param name="rows">Row number, normalised userName and externalId of each valid input.</param>
        /// <returns>For each row that shares a key with another row, the problem to report.</returns>
        public static IDictionary<int, ValidationProblem> Find(IEnumerable<(int Row, string? UserName, string? ExternalId)> rows)
        {
            var list = rows.ToList();
            var problems = new Dictionary<int, ValidationProblem>();
            Mark(list, row => row.UserName, "UserName", ErrorIds.DuplicateUserName, StringComparer.Ordinal, problems);
            // Wire compares externalIds exactly; SAML NameIDs are case-sensitive.
            Mark(list, row => row.ExternalId, "ExternalId", ErrorIds.DuplicateExternalId, StringComparer.Ordinal, problems);
            MarkCaseTwins(list, problems);
            return problems;
        }

        /// <summary>
        /// ExternalIds that differ only in case are two users for Wire, but its look-up by e-mail address ignores case
        /// (and so may an identity provider): one of them would end up updating the other's user. Both rows are refused.
        /// </summary>
        private static void MarkCaseTwins(List<(int Row, string? UserName, string? ExternalId)> rows, Dictionary<int, ValidationProblem> problems)
        {
            foreach (var group in rows.Where(row => row.ExternalId != null).GroupBy(row => row.ExternalId!, StringComparer.OrdinalIgnoreCase))
            {
                var spellings = group.Select(row => row.ExternalId!).Distinct(StringComparer.Ordinal).ToList();
                if (spellings.Count < 2) continue;
                var listed = string.Join(", ", group.Select(row => $"'{SafeText.Show(row.ExternalId!)}' (row {row.Row.ToString(CultureInfo.InvariantCulture)})"));
                foreach (var row in group)
                {
                    if (problems.ContainsKey(row.Row)) continue;
                    problems[row.Row] = new ValidationProblem("ExternalId", ErrorIds.ExternalIdCaseTwin, "not the same as another row's except for case", row.ExternalId,
                        $"ExternalIds {listed} differ only in case. Wire keeps them apart, but its look-up by e-mail ignores case, so one row could take over the other's user. None of them was sent: use one spelling per person.");
                }
            }
        }

        private static void Mark(List<(int Row, string? UserName, string? ExternalId)> rows, Func<(int Row, string? UserName, string? ExternalId), string?> key,
            string field, string errorId, StringComparer comparer, Dictionary<int, ValidationProblem> problems)
        {
            foreach (var group in rows.Where(row => key(row) != null).GroupBy(key, comparer).Where(group => group.Count() > 1))
            {
                var numbers = group.Select(row => row.Row).ToList();
                var listed = string.Join(", ", numbers.Select(n => n.ToString(CultureInfo.InvariantCulture)));
                foreach (var row in group)
                {
                    if (problems.ContainsKey(row.Row)) continue;
                    problems[row.Row] = new ValidationProblem(field, errorId, "unique within the input", group.Key,
                        $"{field} '{SafeText.Show(group.Key)}' appears in rows {listed} of this input. None of them was sent: which one is meant cannot be told. Fix the input and run again.");
                }
            }
        }
    }
}

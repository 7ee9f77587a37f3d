using System;
using System.Globalization;

namespace WireScim.Validation
{
    /// <summary>Reads booleans the way CSV files and AD write them.</summary>
    internal static class BooleanText
    {
        public static bool TryParse(object? value, out bool result)
        {
            result = false;
            switch (value)
            {
                case null: return false;
                case bool flag: result = flag; return true;
                case int number when number is 0 or 1: result = number == 1; return true;
                case long number when number is 0 or 1: result = number == 1; return true;
            }
            var text = Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim().ToLowerInvariant();
            switch (text)
            {
                case "true": case "1": case "yes": case "y": case "on": case "$true": result = true; return true;
                case "false": case "0": case "no": case "n": case "off": case "$false": result = false; return true;
                default: return false;
            }
        }
    }
}

using System;
using System.Collections;
using System.Collections.Specialized;
using System.Linq;

namespace WireScim
{
    /// <summary>A user's rich-info fields; as text (Export-Csv, string expansion) "Department=Sales; Title=Account Director".</summary>
    internal sealed class RichInfoFields : OrderedDictionary
    {
        public RichInfoFields() : base(StringComparer.OrdinalIgnoreCase) { }

        public override string ToString() =>
            string.Join("; ", this.Cast<DictionaryEntry>().Select(field => $"{field.Key}={field.Value}"));
    }
}

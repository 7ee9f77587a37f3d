namespace WireScim.Provisioning
{
    /// <summary>One attribute that differs: what Wire has, and what it gets.</summary>
    public sealed class AttributeChange
    {
        internal AttributeChange(UserField attribute, string? oldValue, string? newValue, string? field = null)
        {
            Attribute = attribute;
            Field = field;
            OldValue = oldValue;
            NewValue = newValue;
        }

        public UserField Attribute { get; }

        /// <summary>The rich-info field, for <see cref="UserField.RichInfo"/>; null otherwise.</summary>
        public string? Field { get; }
        public string? OldValue { get; }
        public string? NewValue { get; }

        /// <summary>"DisplayName: 'A' -> 'B'", "RichInfo.Department: 'Sales' -> 'Finance'".</summary>
        public override string ToString() => $"{Attribute}{(Field != null ? "." + Field : string.Empty)}: '{OldValue}' -> '{NewValue}'";
    }
}

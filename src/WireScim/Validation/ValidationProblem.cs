namespace WireScim.Validation
{
    /// <summary>One broken rule: which field, which rule, which value, and a sentence that says what to do.</summary>
    public sealed class ValidationProblem
    {
        public ValidationProblem(string field, string errorId, string rule, string? value, string message)
        {
            Field = field;
            ErrorId = errorId;
            Rule = rule;
            Value = value;
            Message = message;
        }

        public string Field { get; }

        /// <summary>Stable id such as WireScim.InvalidUserName.</summary>
        public string ErrorId { get; }
        public string Rule { get; }

        /// <summary>The offending value, shortened and made printable.</summary>
        public string? Value { get; }
        public string Message { get; }

        public override string ToString() => Message;
    }
}

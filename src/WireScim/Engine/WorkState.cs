namespace WireScim.Engine
{
    /// <summary>The input a work item came from, for results and errors: the row number and the piped object.</summary>
    internal sealed class WorkState
    {
        public WorkState(int row, object? input, string? prefix)
        {
            Row = row;
            Input = input;
            Prefix = prefix;
        }

        public int Row { get; }
        public object? Input { get; }

        /// <summary>"Row 3 (jdoe): " for pipeline input, so each error names its row; null for a single call.</summary>
        public string? Prefix { get; }
    }
}

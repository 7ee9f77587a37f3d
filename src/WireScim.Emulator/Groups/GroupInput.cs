namespace WireScim.Emulator.Groups;

/// <summary>A parsed POST/PUT body: hscim's Group. Member values are still unchecked text.</summary>
internal sealed record GroupInput(string DisplayName, IReadOnlyList<string> MemberValues);

namespace WireScim.Emulator.Groups;

/// <summary>brig's managed_by of a user group: made through SCIM, or in Team Settings.</summary>
internal enum GroupManager { Scim, Wire }

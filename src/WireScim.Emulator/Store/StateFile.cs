using System.Text.Json;
using WireScim.Emulator.Groups;
using WireScim.Emulator.Users;

namespace WireScim.Emulator.Store;

/// <summary>
/// Keeps the store in a JSON file: loaded at start, saved shortly after each change (write temp + rename, so a crash
/// never leaves half a file) and once more on shutdown.
/// </summary>
internal sealed class StateFile
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(100);

    private readonly string path;
    private readonly EmulatorStore store;
    private readonly GroupStore groups;
    private readonly object saveLock = new();
    private int savePending;
    private bool closed;

    private StateFile(string path, EmulatorStore store, GroupStore groups)
    {
        this.path = Path.GetFullPath(path);
        this.store = store;
        this.groups = groups;
    }

    /// <summary>Reads the team id from an existing file, so a restarted emulator is the same team.</summary>
    public static Guid? ReadTeamId(string path) =>
        File.Exists(path) ? Read(path).TeamId : null;

    public static StateFile Attach(string path, EmulatorStore store, GroupStore groups)
    {
        var file = new StateFile(path, store, groups);
        if (File.Exists(file.path))
        {
            var state = Read(file.path);
            store.Load(state.Users.Select(u => u.ToStored()), state.Members ?? [], state.Tokens.Select(t => t.ToRecord()));
            groups.Load(state.Groups ?? []);
        }
        store.Changed += file.ScheduleSave;
        groups.Changed += file.ScheduleSave;
        return file;
    }

    /// <summary>Final save; later scheduled saves do nothing.</summary>
    public void Close()
    {
        store.Changed -= ScheduleSave;
        groups.Changed -= ScheduleSave;
        lock (saveLock)
        {
            Save();
            closed = true;
        }
    }

    private void ScheduleSave()
    {
        if (Interlocked.Exchange(ref savePending, 1) == 1) return;
        _ = Task.Run(async () =>
        {
            await Task.Delay(Debounce);
            Interlocked.Exchange(ref savePending, 0);
            lock (saveLock)
            {
                if (!closed) Save();
            }
        });
    }

    /// <summary>Callers hold <see cref="saveLock"/>.</summary>
    private void Save()
    {
        var state = new PersistedState(
            store.TeamId,
            store.AllUsers().Select(PersistedUser.From).ToList(),
            store.Tokens().Select(PersistedToken.From).ToList(),
            store.TeamMembers().ToList(),
            groups.All().ToList());
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(state, JsonOptions));
        File.Move(temp, path, overwrite: true);
    }

    private static PersistedState Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<PersistedState>(File.ReadAllBytes(path), JsonOptions)
                ?? throw new InvalidDataException($"Data file {path} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Data file {path} is not valid emulator state: {e.Message}", e);
        }
    }

    /// <summary><see cref="Members"/> is absent in files written before Team-Settings members existed.</summary>
    private sealed record PersistedState(Guid TeamId, List<PersistedUser> Users, List<PersistedToken> Tokens, List<TeamMember>? Members, List<StoredGroup>? Groups);

    private sealed record PersistedUser(
        Guid Id, string UserName, string ExternalId, string DisplayName, string Language, UserStatus Status, string? Email,
        string Role, List<string[]> RichInfo, DateTimeOffset Created, DateTimeOffset LastModified, string Version, bool Saml = false)
    {
        public static PersistedUser From(StoredUser u) => new(u.Id, u.UserName, u.ExternalId, u.DisplayName, u.Language, u.Status,
            u.Email, u.Role, u.RichInfo.Fields.Select(f => new[] { f.Key, f.Value }).ToList(), u.Created, u.LastModified, u.Version, u.Saml);

        public StoredUser ToStored() => new()
        {
            Id = Id, UserName = UserName, ExternalId = ExternalId, DisplayName = DisplayName, Language = Language, Status = Status,
            Email = Email, Role = Role, RichInfo = new RichInfo(RichInfo.Select(f => KeyValuePair.Create(f[0], f[1])).ToList()),
            Created = Created, LastModified = LastModified, Version = Version, Saml = Saml,
        };
    }

    private sealed record PersistedToken(Guid Id, string Hash, DateTimeOffset CreatedAt, Guid? Idp, string Description, string Name)
    {
        public static PersistedToken From(ScimTokenRecord t) => new(t.Id, t.Hash, t.CreatedAt, t.Idp, t.Description, t.Name);
        public ScimTokenRecord ToRecord() => new(Id, Hash, CreatedAt, Idp, Description, Name);
    }
}

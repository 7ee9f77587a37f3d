using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace WireScim.Provisioning
{
    /// <summary>
    /// The group sync state file: source group -> Wire group id (Wire groups have no externalId, so nothing else can
    /// map them), and member key -> Wire user id for members resolved before. It is written atomically at the end of
    /// a run. A run killed before that loses only its mapping of new groups, and the next run finds them again by
    /// their exact name, so no group is created twice. A lock file held open for the run keeps a second run out.
    /// </summary>
    internal sealed class GroupSyncState : IDisposable
    {
        private sealed class Snapshot
        {
            public List<GroupSyncStateEntry> Groups { get; set; } = new List<GroupSyncStateEntry>();
            public Dictionary<string, string> Members { get; set; } = new Dictionary<string, string>();
        }

        private readonly string _path;
        private readonly FileStream? _lock;
        private readonly Dictionary<string, GroupSyncStateEntry> _groups = new Dictionary<string, GroupSyncStateEntry>(StringComparer.Ordinal);
        private readonly object _gate = new object();

        private GroupSyncState(string path, FileStream? lockFile)
        {
            _path = path;
            _lock = lockFile;
            if (!File.Exists(path)) return;
            var snapshot = JsonSerializer.Deserialize<Snapshot>(File.ReadAllText(path)) ?? new Snapshot();
            foreach (var entry in snapshot.Groups ?? new List<GroupSyncStateEntry>()) _groups[entry.Source] = entry;
            foreach (var member in snapshot.Members ?? new Dictionary<string, string>()) Members[member.Key] = member.Value;
        }

        /// <param name="readOnly">For -WhatIf: read what is there and write nothing, not even the lock file or the folder.</param>
        /// <exception cref="IOException">Another run holds the state file.</exception>
        public static GroupSyncState Open(string path, bool readOnly = false)
        {
            var full = Path.GetFullPath(path);
            if (readOnly) return new GroupSyncState(full, null) { _readOnly = true };
            var directory = Path.GetDirectoryName(full);
            if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
            try
            {
                return new GroupSyncState(full, new FileStream(full + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose));
            }
            catch (IOException error)
            {
                throw new IOException($"Another Sync-WireScimGroup run is using the state file '{full}'. Wait for it to finish; two runs on one state file could create groups twice.", error);
            }
        }

        /// <summary>Member key (see <see cref="MemberReference.CacheKey"/>) -> Wire user id.</summary>
        public Dictionary<string, string> Members { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        public IReadOnlyList<GroupSyncStateEntry> Groups
        {
            get { lock (_gate) return new List<GroupSyncStateEntry>(_groups.Values); }
        }

        public GroupSyncStateEntry? Find(string source)
        {
            lock (_gate) return _groups.TryGetValue(source, out var entry) ? entry : null;
        }

        public void Record(GroupSyncStateEntry entry)
        {
            lock (_gate) _groups[entry.Source] = entry;
        }

        public void Forget(string source)
        {
            lock (_gate) _groups.Remove(source);
        }

        private bool _readOnly;

        public void Save()
        {
            if (_readOnly) throw new InvalidOperationException("The state was opened read-only (-WhatIf).");
            lock (_gate)
            {
                var snapshot = new Snapshot { Groups = new List<GroupSyncStateEntry>(_groups.Values), Members = new Dictionary<string, string>(Members) };
                var temporary = _path + ".tmp";
                File.WriteAllText(temporary, JsonSerializer.Serialize(snapshot, new JsonSerializerOptions { WriteIndented = true }), new UTF8Encoding(false));
                if (File.Exists(_path)) File.Replace(temporary, _path, null);
                else File.Move(temporary, _path);
            }
        }

        public void Dispose() => _lock?.Dispose();
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using WireScim.Scim;

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

        private static readonly JsonSerializerOptions SnapshotOptions = new JsonSerializerOptions { WriteIndented = true };

        private GroupSyncState(string path, FileStream? lockFile)
        {
            _path = path;
            _lock = lockFile;
        }

        private void Load()
        {
            if (!File.Exists(_path)) return;
            Snapshot? snapshot;
            try
            {
                snapshot = JsonSerializer.Deserialize<Snapshot>(File.ReadAllText(_path));
            }
            catch (JsonException error)
            {
                throw new SyncStateException(ErrorIds.StateDamaged, _path,
                    $"The state file '{_path}' is damaged: it is not valid group state JSON ({error.Message}). It was not used and nothing was sent to Wire. Restore it from a backup; or move it away, and the next run finds the groups it made again by their exact name.", error);
            }
            foreach (var entry in snapshot?.Groups ?? new List<GroupSyncStateEntry>()) _groups[entry.Source] = entry;
            foreach (var member in snapshot?.Members ?? new Dictionary<string, string>()) Members[member.Key] = member.Value;
        }

        /// <param name="readOnly">For -WhatIf: read what is there and write nothing, not even the lock file or the folder.</param>
        /// <exception cref="SyncStateException">In use, unreadable, damaged or not writable; the lock is released before it is thrown.</exception>
        public static GroupSyncState Open(string path, bool readOnly = false)
        {
            var full = Path.GetFullPath(path);
            return StateFile.Open(full, "Sync-WireScimGroup", "groups", readOnly, lockFile =>
            {
                var state = new GroupSyncState(full, lockFile) { _readOnly = readOnly };
                state.Load();
                return state;
            });
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
                try
                {
                    StateFile.WriteAtomically(_path, JsonSerializer.Serialize(snapshot, SnapshotOptions));
                }
                catch (Exception error) when (error is IOException or UnauthorizedAccessException)
                {
                    throw new SyncStateException(ErrorIds.StateNotWritable, _path,
                        $"The state file '{_path}' could not be saved: {error.Message} The groups were changed in Wire; the next run finds new ones again by their exact name. Fix the access or free the disk and run again.", error);
                }
            }
        }

        public void Dispose() => _lock?.Dispose();
    }
}

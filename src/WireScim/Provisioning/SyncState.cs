using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace WireScim.Provisioning
{
    /// <summary>What the last sync left in Wire for one externalId.</summary>
    internal sealed class SyncStateEntry
    {
        public string ExternalId { get; set; } = string.Empty;
        public string Id { get; set; } = string.Empty;
        public string? UserName { get; set; }
        public string? Fingerprint { get; set; }
        public bool Disabled { get; set; }
        public bool Removed { get; set; }
    }

    /// <summary>
    /// The sync state file: a snapshot plus a journal of lines appended (and flushed) as each user is done, so a
    /// run killed at any moment loses at most its in-flight rows. The snapshot is rewritten atomically at the end.
    /// A lock file held open for the whole run keeps a second run out; the system releases it if the process dies.
    /// </summary>
    internal sealed class SyncState : IDisposable
    {
        private readonly string _path;
        private readonly FileStream _lock;
        private readonly StreamWriter _journal;
        private readonly Dictionary<string, SyncStateEntry> _entries = new Dictionary<string, SyncStateEntry>(StringComparer.Ordinal);
        private readonly object _gate = new object();

        private SyncState(string path, FileStream lockFile)
        {
            _path = path;
            _lock = lockFile;
            Load();
            // Not FileMode.Append: a journal left by a killed run must still be truncatable by Save().
            var journal = new FileStream(JournalPath, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);
            journal.Seek(0, SeekOrigin.End);
            _journal = new StreamWriter(journal, new UTF8Encoding(false));
        }

        private string JournalPath => _path + ".journal";

        /// <exception cref="IOException">Another run holds the state file.</exception>
        public static SyncState Open(string path)
        {
            var full = Path.GetFullPath(path);
            var directory = Path.GetDirectoryName(full);
            if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
            FileStream lockFile;
            try
            {
                lockFile = new FileStream(full + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException error)
            {
                throw new IOException($"Another Sync-WireScimUser run is using the state file '{full}'. Wait for it to finish; two runs on one state file could create users twice.", error);
            }
            return new SyncState(full, lockFile);
        }

        public int Count { get { lock (_gate) return _entries.Count; } }

        public IReadOnlyList<SyncStateEntry> Entries
        {
            get { lock (_gate) return new List<SyncStateEntry>(_entries.Values); }
        }

        public SyncStateEntry? Find(string externalId)
        {
            lock (_gate) return _entries.TryGetValue(externalId, out var entry) ? entry : null;
        }

        public void Record(SyncStateEntry entry)
        {
            var line = JsonSerializer.Serialize(entry);
            lock (_gate)
            {
                if (entry.Removed) _entries.Remove(entry.ExternalId);
                else _entries[entry.ExternalId] = entry;
                _journal.WriteLine(line);
                _journal.Flush();
            }
        }

        private void Load()
        {
            if (File.Exists(_path))
            {
                var entries = JsonSerializer.Deserialize<List<SyncStateEntry>>(File.ReadAllText(_path)) ?? new List<SyncStateEntry>();
                foreach (var entry in entries) _entries[entry.ExternalId] = entry;
            }
            if (!File.Exists(JournalPath)) return;
            foreach (var line in File.ReadAllLines(JournalPath))
            {
                if (string.IsNullOrWhiteSpace(line)) continue;
                SyncStateEntry? entry;
                // A line cut short by a kill mid-write is the in-flight row; the next lookup finds that user again.
                try { entry = JsonSerializer.Deserialize<SyncStateEntry>(line); }
                catch (JsonException) { continue; }
                if (entry == null) continue;
                if (entry.Removed) _entries.Remove(entry.ExternalId);
                else _entries[entry.ExternalId] = entry;
            }
        }

        /// <summary>Writes the snapshot atomically (temp file, then rename) and empties the journal.</summary>
        public void Save()
        {
            lock (_gate)
            {
                var temporary = _path + ".tmp";
                File.WriteAllText(temporary, JsonSerializer.Serialize(new List<SyncStateEntry>(_entries.Values), new JsonSerializerOptions { WriteIndented = true }), new UTF8Encoding(false));
                if (File.Exists(_path)) File.Replace(temporary, _path, null);
                else File.Move(temporary, _path);
                _journal.BaseStream.SetLength(0);
                _journal.Flush();
            }
        }

        public void Dispose()
        {
            _journal.Dispose();
            _lock.Dispose();
        }
    }
}

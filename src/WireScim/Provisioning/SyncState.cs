using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using WireScim.Scim;

namespace WireScim.Provisioning
{
    /// <summary>
    /// The sync state file: the users this sync manages, keyed by Wire id, for the one Wire instance it was made for.
    /// A snapshot plus a journal of lines appended (and flushed) as each user is done, so a run killed at any moment
    /// loses at most its in-flight rows. The snapshot is rewritten atomically at the end. A lock file held open for
    /// the whole run keeps a second run out; the system releases it if the process dies.
    /// </summary>
    internal sealed class SyncState : IDisposable
    {
        /// <summary>Version 1 was a bare list keyed by externalId; version 2 is keyed by Wire id and names its instance.</summary>
        public const int CurrentFormat = 2;

        private static readonly JsonSerializerOptions LineOptions = new JsonSerializerOptions { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault };
        private static readonly JsonSerializerOptions SnapshotOptions = new JsonSerializerOptions { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault, WriteIndented = true };

        private readonly string _path;
        private readonly string _instance;
        private readonly FileStream? _lock;
        private StreamWriter? _journal;
        private readonly Dictionary<string, SyncStateEntry> _entries = new Dictionary<string, SyncStateEntry>(StringComparer.OrdinalIgnoreCase);
        private readonly object _gate = new object();

        /// <summary>Something to write at Save: a user recorded, a journal left to fold in, an older format or another instance.</summary>
        private bool _changed;

        private SyncState(string path, string instance, FileStream? lockFile)
        {
            _path = path;
            _instance = instance;
            _lock = lockFile;
        }

        public string Path => _path;
        private string JournalPath => _path + ".journal";

        /// <summary>Opens the state file for a run: takes the lock, reads snapshot and journal, opens the journal.</summary>
        /// <param name="instance">The SCIM base of the connection; the file must have been made for it unless <paramref name="rebind"/>.</param>
        /// <exception cref="SyncStateException">Any failure; the lock is released before it is thrown.</exception>
        public static SyncState Open(string path, string instance, bool rebind) => Create(path, instance, rebind, readOnly: false);

        /// <summary>Reads the state file without writing anything, not even a folder, lock or journal (for -WhatIf).</summary>
        public static SyncState OpenReadOnly(string path, string instance, bool rebind) => Create(path, instance, rebind, readOnly: true);

        private static SyncState Create(string path, string instance, bool rebind, bool readOnly)
        {
            var full = System.IO.Path.GetFullPath(path);
            return StateFile.Open(full, "Sync-WireScimUser", "users", readOnly, lockFile =>
            {
                var state = new SyncState(full, instance, lockFile);
                state.Load(rebind);
                if (!readOnly) state.OpenJournal();
                return state;
            });
        }

        public int Count { get { lock (_gate) return _entries.Count; } }

        public IReadOnlyList<SyncStateEntry> Entries
        {
            get { lock (_gate) return new List<SyncStateEntry>(_entries.Values); }
        }

        public SyncStateEntry? FindById(string id)
        {
            lock (_gate) return _entries.TryGetValue(id, out var entry) ? entry : null;
        }

        /// <summary>Remembers one user (or, with <see cref="SyncStateEntry.Removed"/>, forgets it) and journals it at once.</summary>
        /// <param name="replacedId">An earlier id of the same user (it was removed in Wire and created again).</param>
        public void Record(SyncStateEntry entry, string? replacedId = null)
        {
            lock (_gate)
            {
                if (_journal == null) throw new InvalidOperationException("The state file was opened read-only.");
                try
                {
                    if (replacedId != null && !string.Equals(replacedId, entry.Id, StringComparison.OrdinalIgnoreCase))
                    {
                        _entries.Remove(replacedId);
                        _journal.WriteLine(JsonSerializer.Serialize(new SyncStateEntry { Id = replacedId, ExternalId = entry.ExternalId, Removed = true }, LineOptions));
                    }
                    if (entry.Removed) _entries.Remove(entry.Id);
                    else _entries[entry.Id] = entry;
                    _journal.WriteLine(JsonSerializer.Serialize(entry, LineOptions));
                    _journal.Flush();
                    _changed = true;
                }
                catch (Exception error) when (error is IOException or UnauthorizedAccessException)
                {
                    throw new SyncStateException(ErrorIds.StateNotWritable, _path,
                        $"Could not write to the journal '{JournalPath}' of the state file: {error.Message} The run was stopped so that no user is provisioned without a record; free the disk or fix the access, then run again.", error);
                }
            }
        }

        private void Load(bool rebind)
        {
            if (File.Exists(_path)) LoadSnapshot(File.ReadAllText(_path), rebind);
            if (File.Exists(JournalPath)) LoadJournal(File.ReadAllLines(JournalPath));
        }

        private void LoadSnapshot(string text, bool rebind)
        {
            List<SyncStateEntry>? users;
            try
            {
                using var document = JsonDocument.Parse(text);
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Array)
                {
                    users = root.Deserialize<List<SyncStateEntry>>();
                    _changed = true;
                }
                else if (root.ValueKind == JsonValueKind.Object)
                {
                    var snapshot = root.Deserialize<SyncStateSnapshot>() ?? new SyncStateSnapshot();
                    if (snapshot.Format != CurrentFormat)
                        throw Damaged($"it is in format {snapshot.Format}, which this version of WireScim does not read (it reads {CurrentFormat}). Use the WireScim version that wrote it.");
                    if (!rebind && !SameInstance(snapshot.Instance, _instance))
                        throw new SyncStateException(ErrorIds.StateOtherInstance, _path,
                            $"The state file '{_path}' belongs to the Wire instance {snapshot.Instance ?? "(none recorded)"}, not to {_instance}, the one connected. Its users are not users of this instance: disabling or removing them here would act on the wrong people. Use that instance's state file, or, if the file really is meant for this instance (the address changed), run once with -RebindState.");
                    users = snapshot.Users;
                    _changed |= !string.Equals(snapshot.Instance, _instance, StringComparison.Ordinal);
                }
                else
                {
                    throw Damaged("it holds neither a list of users nor a state object.");
                }
            }
            catch (JsonException error)
            {
                throw Damaged($"it is not valid state JSON ({error.Message}).", error);
            }
            var index = 0;
            foreach (var entry in users ?? new List<SyncStateEntry>())
            {
                index++;
                Check(entry, $"user {index}");
                _entries[entry.Id] = entry;
            }
        }

        private void LoadJournal(string[] lines)
        {
            for (var number = 0; number < lines.Length; number++)
            {
                if (string.IsNullOrWhiteSpace(lines[number])) continue;
                SyncStateEntry? entry;
                try
                {
                    entry = JsonSerializer.Deserialize<SyncStateEntry>(lines[number]);
                }
                catch (JsonException error)
                {
                    // The last line may be cut short by a kill mid-write: that is the in-flight row, found again by its externalId.
                    if (IsLastLine(lines, number)) break;
                    throw Damaged($"line {number + 1} of its journal '{JournalPath}' is not valid ({error.Message}).", error);
                }
                Check(entry, $"line {number + 1} of its journal");
                _changed = true;
                if (entry!.Removed) _entries.Remove(entry.Id);
                else _entries[entry.Id] = entry;
            }
        }

        private static bool IsLastLine(string[] lines, int number)
        {
            for (var next = number + 1; next < lines.Length; next++)
                if (!string.IsNullOrWhiteSpace(lines[next])) return false;
            return true;
        }

        private void Check(SyncStateEntry? entry, string where)
        {
            if (entry == null) throw Damaged($"{where} is empty (null).");
            if (!Guid.TryParse(entry.Id, out _)) throw Damaged($"{where} has no valid Wire id ('{entry.Id}').");
            if (!entry.Removed && string.IsNullOrEmpty(entry.ExternalId)) throw Damaged($"{where} (id {entry.Id}) has no externalId.");
        }

        private SyncStateException Damaged(string what, Exception? inner = null) =>
            new SyncStateException(ErrorIds.StateDamaged, _path,
                $"The state file '{_path}' is damaged: {what} It was not used and nothing was sent to Wire. Restore it from a backup; or move it (and its .journal) away, and the next run finds the users it made again by externalId.", inner);

        private static bool SameInstance(string? recorded, string current) =>
            recorded == null || string.Equals(recorded.TrimEnd('/'), current.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

        private void OpenJournal()
        {
            try
            {
                // Not FileMode.Append: a journal left by a killed run must still be truncatable by Save().
                var journal = new FileStream(JournalPath, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);
                journal.Seek(0, SeekOrigin.End);
                _journal = new StreamWriter(journal, new UTF8Encoding(false));
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                throw StateFile.NotWritable(_path, "users", error);
            }
        }

        /// <summary>Writes the snapshot atomically (temp file, then rename) and empties the journal; nothing when nothing changed.</summary>
        public void Save()
        {
            lock (_gate)
            {
                if (_journal == null) throw new InvalidOperationException("The state file was opened read-only.");
                if (!_changed && File.Exists(_path)) return;
                try
                {
                    var snapshot = new SyncStateSnapshot { Format = CurrentFormat, Instance = _instance, Users = new List<SyncStateEntry>(_entries.Values) };
                    StateFile.WriteAtomically(_path, JsonSerializer.Serialize(snapshot, SnapshotOptions));
                    _journal.BaseStream.SetLength(0);
                    _journal.Flush();
                    _changed = false;
                }
                catch (Exception error) when (error is IOException or UnauthorizedAccessException)
                {
                    throw new SyncStateException(ErrorIds.StateNotWritable, _path,
                        $"The state file '{_path}' could not be saved: {error.Message} What this run did is kept in its journal '{JournalPath}', which the next run reads; fix the access or free the disk and run again.", error);
                }
            }
        }

        public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0} ({1} users)", _path, Count);

        public void Dispose()
        {
            _journal?.Dispose();
            _lock?.Dispose();
        }
    }
}

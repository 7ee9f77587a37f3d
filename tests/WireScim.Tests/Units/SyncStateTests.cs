using System;
using System.IO;
using System.Linq;
using WireScim.Provisioning;
using Xunit;

namespace WireScim.Tests.Units
{
    public sealed class SyncStateTests : IDisposable
    {
        private const string Instance = "https://wire.example.com/scim/v2";
        private const string Id = "6a1f0c2e-1111-4a2b-9c3d-4e5f60718293";
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "wirescim-state-" + Guid.NewGuid().ToString("N"));
        private string StatePath => Path.Combine(_folder, "state.json");

        public SyncStateTests() => Directory.CreateDirectory(_folder);

        public void Dispose()
        {
            foreach (var file in Directory.GetFiles(_folder)) File.SetAttributes(file, FileAttributes.Normal);
            Directory.Delete(_folder, recursive: true);
        }

        private SyncStateException Refused(string text, string? journal = null)
        {
            File.WriteAllText(StatePath, text);
            if (journal != null) File.WriteAllText(StatePath + ".journal", journal);
            var error = Assert.Throws<SyncStateException>(() => SyncState.Open(StatePath, Instance, rebind: false).Dispose());
            Assert.Contains(StatePath, error.Message);
            AssertLockReleased();
            return error;
        }

        private void AssertLockReleased()
        {
            Assert.False(File.Exists(StatePath + ".lock"), "the lock file must be gone");
            using var again = new FileStream(StatePath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }

        [Theory]
        [InlineData("{ not json")]
        [InlineData("")]
        [InlineData("42")]
        [InlineData("[null]")]
        [InlineData("[{\"ExternalId\":\"a@example.com\"}]")]
        [InlineData("[{\"Id\":\"" + Id + "\"}]")]
        [InlineData("{\"Format\":3,\"Users\":[]}")]
        public void A_damaged_snapshot_is_one_StateDamaged_error_never_an_empty_state(string text)
        {
            var error = Refused(text);
            Assert.Equal("WireScim.StateDamaged", error.ErrorId);
            Assert.Contains("nothing was sent", error.Message);
        }

        [Fact]
        public void A_damaged_journal_line_before_the_last_is_refused()
        {
            var line = "{\"Id\":\"" + Id + "\",\"ExternalId\":\"a@example.com\"}";
            var error = Refused("[]", "garbage\n" + line + "\n");
            Assert.Equal("WireScim.StateDamaged", error.ErrorId);
            Assert.Contains("line 1 of its journal", error.Message);
        }

        [Fact]
        public void A_last_journal_line_cut_short_by_a_kill_is_the_in_flight_row()
        {
            var line = "{\"Id\":\"" + Id + "\",\"ExternalId\":\"a@example.com\",\"UserName\":\"anna\"}";
            File.WriteAllText(StatePath + ".journal", line + "\n{\"Id\":\"6a1f");
            using var state = SyncState.Open(StatePath, Instance, rebind: false);
            Assert.Equal("anna", state.FindById(Id)!.UserName);
            Assert.Equal(1, state.Count);
        }

        [Fact]
        public void A_state_file_of_another_instance_is_refused_naming_both_unless_rebound()
        {
            using (var state = SyncState.Open(StatePath, "https://other.example.com/scim/v2", rebind: false))
            {
                state.Record(new SyncStateEntry { Id = Id, ExternalId = "a@example.com" });
                state.Save();
            }
            var error = Assert.Throws<SyncStateException>(() => SyncState.Open(StatePath, Instance, rebind: false));
            Assert.Equal("WireScim.StateOtherInstance", error.ErrorId);
            Assert.Contains("https://other.example.com/scim/v2", error.Message);
            Assert.Contains(Instance, error.Message);
            Assert.Contains("-RebindState", error.Message);
            AssertLockReleased();
            using (var rebound = SyncState.Open(StatePath, Instance, rebind: true))
            {
                Assert.Equal(1, rebound.Count);
                rebound.Save();
            }
            using var after = SyncState.Open(StatePath, Instance, rebind: false);
            Assert.Equal(1, after.Count);
        }

        [Fact]
        public void A_read_only_state_file_is_one_StateNotWritable_error_before_anything_is_sent()
        {
            File.WriteAllText(StatePath, "[]");
            File.SetAttributes(StatePath, FileAttributes.ReadOnly);
            var error = Assert.Throws<SyncStateException>(() => SyncState.Open(StatePath, Instance, rebind: false));
            Assert.Equal("WireScim.StateNotWritable", error.ErrorId);
            Assert.Contains(StatePath, error.Message);
            AssertLockReleased();
        }

        [Fact]
        public void A_second_run_is_refused_while_the_first_holds_the_lock()
        {
            using var first = SyncState.Open(StatePath, Instance, rebind: false);
            var error = Assert.Throws<SyncStateException>(() => SyncState.Open(StatePath, Instance, rebind: false));
            Assert.Equal("WireScim.StateInUse", error.ErrorId);
        }

        [Fact]
        public void Reads_the_first_format_keyed_by_externalId_and_saves_the_current_one()
        {
            File.WriteAllText(StatePath, "[{\"ExternalId\":\"a@example.com\",\"Id\":\"" + Id + "\",\"UserName\":\"anna\",\"Fingerprint\":\"abc\",\"Disabled\":true}]");
            using (var state = SyncState.Open(StatePath, Instance, rebind: false))
            {
                var entry = state.FindById(Id)!;
                Assert.Equal("a@example.com", entry.ExternalId);
                Assert.True(entry.Disabled);
                state.Save();
            }
            var saved = File.ReadAllText(StatePath);
            Assert.Contains("\"Format\": 2", saved);
            Assert.Contains(Instance, saved);
        }

        [Fact]
        public void Keyed_by_Wire_id_a_new_externalId_replaces_the_old_one()
        {
            using (var state = SyncState.Open(StatePath, Instance, rebind: false))
            {
                state.Record(new SyncStateEntry { Id = Id, ExternalId = "old@example.com" });
                state.Record(new SyncStateEntry { Id = Id, ExternalId = "new@example.com", FormerExternalIds = new() { "old@example.com" } });
            }
            using var reopened = SyncState.Open(StatePath, Instance, rebind: false);
            var entry = Assert.Single(reopened.Entries);
            Assert.Equal("new@example.com", entry.ExternalId);
            Assert.Equal(new[] { "new@example.com", "old@example.com" }, entry.AllExternalIds().ToArray());
        }

        [Fact]
        public void Read_only_opening_writes_nothing_not_even_the_folder()
        {
            var path = Path.Combine(_folder, "not-yet", "state.json");
            using (var state = SyncState.OpenReadOnly(path, Instance, rebind: false)) Assert.Equal(0, state.Count);
            Assert.False(Directory.Exists(Path.Combine(_folder, "not-yet")));
        }
    }
}

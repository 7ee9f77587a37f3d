using System;
using System.IO;
using System.Text;
using WireScim.Scim;

namespace WireScim.Provisioning
{
    /// <summary>
    /// What the user and group sync state files share: the lock a run holds (so that two runs cannot create the same
    /// thing twice), the errors for a file that cannot be written, and the atomic write of a snapshot.
    /// </summary>
    internal static class StateFile
    {
        /// <summary>Creates the folder and takes '<paramref name="full"/>.lock', deleted when the run closes it.</summary>
        /// <param name="command">The cmdlet that runs, for the message when another run holds the lock.</param>
        /// <param name="things">What the file records ("users", "groups").</param>
        /// <exception cref="SyncStateException">In use (<c>StateInUse</c>) or not writable (<c>StateNotWritable</c>).</exception>
        public static FileStream TakeLock(string full, string command, string things)
        {
            try
            {
                var directory = Path.GetDirectoryName(full);
                if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
                if (File.Exists(full) && (File.GetAttributes(full) & FileAttributes.ReadOnly) != 0)
                    throw new UnauthorizedAccessException("the file is read-only.");
                return new FileStream(full + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (UnauthorizedAccessException error)
            {
                throw NotWritable(full, things, error);
            }
            catch (IOException error)
            {
                throw new SyncStateException(ErrorIds.StateInUse, full,
                    $"Another {command} run is using the state file '{full}'. Wait for it to finish; two runs on one state file could create {things} twice.", error);
            }
        }

        /// <summary>
        /// Opens a state file for a run: takes the lock unless <paramref name="readOnly"/>, then lets
        /// <paramref name="open"/> read it. Any failure is a <see cref="SyncStateException"/>, thrown after the lock is
        /// released.
        /// </summary>
        public static T Open<T>(string full, string command, string things, bool readOnly, Func<FileStream?, T> open)
        {
            FileStream? lockFile = null;
            try
            {
                if (!readOnly) lockFile = TakeLock(full, command, things);
                return open(lockFile);
            }
            catch (SyncStateException)
            {
                lockFile?.Dispose();
                throw;
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
            {
                lockFile?.Dispose();
                throw new SyncStateException(ErrorIds.StateUnreadable, full,
                    $"The state file '{full}' could not be read: {error.Message} Check the path and this account's access to it; nothing was sent to Wire.", error);
            }
        }

        public static SyncStateException NotWritable(string full, string things, Exception error) =>
            new SyncStateException(ErrorIds.StateNotWritable, full,
                $"The state file '{full}' cannot be written ({error.Message.TrimEnd('.')}). The sync records the {things} it provisions there; make the file and its folder writable for this account, or use another -StatePath. Nothing was sent to Wire.", error);

        /// <summary>Writes <paramref name="text"/> to a temporary file and moves it over <paramref name="full"/>: a crash leaves the old or the new file, never half of one.</summary>
        public static void WriteAtomically(string full, string text)
        {
            var temporary = full + ".tmp";
            File.WriteAllText(temporary, text, new UTF8Encoding(false));
            if (File.Exists(full)) File.Replace(temporary, full, null);
            else File.Move(temporary, full);
        }
    }
}

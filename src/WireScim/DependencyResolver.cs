using System;
using System.Collections.Concurrent;
using System.IO;
using System.Reflection;

namespace WireScim
{
    /// <summary>
    /// Decides which assembly loads the module serves from its 'dependencies' folder: requests from this module or
    /// from a dependency it loaded, and requests without a requesting assembly (which .NET Framework, and so Windows
    /// PowerShell 5.1, produces for many loads) when the name is one of the module's own dependencies at a version
    /// that satisfies the request. Everyone else's loads are left to their own resolvers.
    /// </summary>
    internal sealed class DependencyResolver
    {
        private readonly string _directory;
        private readonly Assembly _module;
        private readonly Func<string, AssemblyName?> _readName;
        private readonly Func<string, Assembly> _load;
        private readonly ConcurrentDictionary<string, Assembly> _loaded = new ConcurrentDictionary<string, Assembly>(StringComparer.OrdinalIgnoreCase);

        /// <param name="readName">The assembly name of a file, or null when there is no such file (AssemblyName.GetAssemblyName).</param>
        /// <param name="load">Loads a file (into the module's own load context where there is one).</param>
        public DependencyResolver(string directory, Assembly module, Func<string, AssemblyName?> readName, Func<string, Assembly> load)
        {
            _directory = directory;
            _module = module;
            _readName = readName;
            _load = load;
        }

        public Assembly? Resolve(string requestedName, Assembly? requesting, Func<Assembly, string?> locationOf)
        {
            AssemblyName requested;
            try { requested = new AssemblyName(requestedName); }
            catch (Exception error) when (error is ArgumentException or FileLoadException) { return null; }
            var name = requested.Name;
            if (string.IsNullOrEmpty(name) || name!.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0) return null;
            if (requesting != null && !IsOurs(requesting, locationOf)) return null;
            var path = Path.Combine(_directory, name + ".dll");
            var available = _readName(path);
            if (available == null) return null;
            // Without a requesting assembly the request may be another module's: serve it only when ours will do.
            if (requesting == null && requested.Version != null && available.Version != null && available.Version < requested.Version) return null;
            return _loaded.GetOrAdd(name, _ => _load(path));
        }

        /// <summary>This assembly or one loaded from the dependencies folder.</summary>
        private bool IsOurs(Assembly requesting, Func<Assembly, string?> locationOf)
        {
            if (requesting == _module) return true;
            var location = locationOf(requesting);
            return !string.IsNullOrEmpty(location)
                   && location!.StartsWith(_directory + Path.DirectorySeparatorChar, StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>Assembly.Location, or null for assemblies that have none (dynamic, loaded from bytes).</summary>
        public static string? LocationOf(Assembly assembly)
        {
            try { return assembly.Location; }
            catch (NotSupportedException) { return null; }
        }

        public static AssemblyName? ReadName(string path)
        {
            if (!File.Exists(path)) return null;
            try { return AssemblyName.GetAssemblyName(path); }
            catch (Exception error) when (error is BadImageFormatException or FileLoadException or IOException) { return null; }
        }
    }
}

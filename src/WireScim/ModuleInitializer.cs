using System;
using System.Collections.Concurrent;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace WireScim
{
    /// <summary>
    /// Resolves the module's third-party assemblies from its 'dependencies' folder, and only for load requests
    /// that come from this module. Windows PowerShell 5.1 runs every module in one AppDomain, so nothing
    /// global is changed: other modules keep whatever versions they bring. On PowerShell 7 the assemblies go
    /// into a load context of their own, so a different version loaded by another module does not collide.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string ModuleDirectory = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? string.Empty;
        private static readonly string DependencyDirectory = Path.Combine(ModuleDirectory, "dependencies");
        private static readonly ConcurrentDictionary<string, Assembly> Loaded = new ConcurrentDictionary<string, Assembly>(StringComparer.OrdinalIgnoreCase);
        private static readonly Lazy<Func<string, Assembly>?> IsolatedLoader = new Lazy<Func<string, Assembly>?>(CreateIsolatedLoader);

        public void OnImport() => AppDomain.CurrentDomain.AssemblyResolve += Resolve;

        public void OnRemove(PSModuleInfo module) => AppDomain.CurrentDomain.AssemblyResolve -= Resolve;

        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            if (!IsOurs(args.RequestingAssembly)) return null;
            var name = new AssemblyName(args.Name).Name;
            if (string.IsNullOrEmpty(name)) return null;
            var path = Path.Combine(DependencyDirectory, name + ".dll");
            if (!File.Exists(path)) return null;
            return Loaded.GetOrAdd(name!, _ => IsolatedLoader.Value is Func<string, Assembly> load ? load(path) : Assembly.LoadFrom(path));
        }

        /// <summary>Requests from this assembly or from a dependency it loaded; never from anyone else.</summary>
        private static bool IsOurs(Assembly? requesting)
        {
            if (requesting == null) return false;
            if (requesting == typeof(ModuleInitializer).Assembly) return true;
            string location;
            try { location = requesting.Location; }
            catch (NotSupportedException) { return false; }
            return !string.IsNullOrEmpty(location)
                && location.StartsWith(DependencyDirectory + Path.DirectorySeparatorChar, StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>On .NET (Core) a private AssemblyLoadContext, reached by reflection since netstandard2.0 does not declare it.</summary>
        private static Func<string, Assembly>? CreateIsolatedLoader()
        {
            var contextType = Type.GetType("System.Runtime.Loader.AssemblyLoadContext, System.Runtime.Loader", throwOnError: false)
                              ?? Type.GetType("System.Runtime.Loader.AssemblyLoadContext", throwOnError: false);
            var constructor = contextType?.GetConstructor(new[] { typeof(string), typeof(bool) });
            var loadFromPath = contextType?.GetMethod("LoadFromAssemblyPath", new[] { typeof(string) });
            if (constructor == null || loadFromPath == null) return null;
            var context = constructor.Invoke(new object[] { "WireScim.Dependencies", false });
            return path => (Assembly)loadFromPath.Invoke(context, new object[] { path })!;
        }
    }
}

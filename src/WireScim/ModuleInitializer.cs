using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace WireScim
{
    /// <summary>
    /// Resolves the module's third-party assemblies from its 'dependencies' folder (see <see cref="DependencyResolver"/>
    /// for which loads). Windows PowerShell 5.1 runs every module in one AppDomain, so nothing global is changed:
    /// other modules keep whatever versions they bring. On PowerShell 7 the assemblies go into a load context of
    /// their own, so a different version loaded by another module does not collide.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string ModuleDirectory = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? string.Empty;
        private static readonly Lazy<DependencyResolver> Resolver = new Lazy<DependencyResolver>(() =>
        {
            var load = CreateIsolatedLoader();
            return new DependencyResolver(Path.Combine(ModuleDirectory, "dependencies"), typeof(ModuleInitializer).Assembly,
                DependencyResolver.ReadName, path => load != null ? load(path) : Assembly.LoadFrom(path));
        });

        public void OnImport() => AppDomain.CurrentDomain.AssemblyResolve += Resolve;

        public void OnRemove(PSModuleInfo psModuleInfo) => AppDomain.CurrentDomain.AssemblyResolve -= Resolve;

        private static Assembly? Resolve(object? sender, ResolveEventArgs args) =>
            Resolver.Value.Resolve(args.Name, args.RequestingAssembly, DependencyResolver.LocationOf);

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

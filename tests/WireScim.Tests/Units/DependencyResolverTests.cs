using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using Xunit;

namespace WireScim.Tests.Units
{
    /// <summary>
    /// Which assembly loads the module serves from its dependencies folder. Windows PowerShell 5.1 cannot run here,
    /// so the .NET Framework case (loads without a requesting assembly) is tested on the resolver's logic.
    /// </summary>
    public class DependencyResolverTests
    {
        private static readonly string Directory = Path.Combine(Path.GetTempPath(), "WireScimModule", "dependencies");
        private static readonly Assembly Module = typeof(WireScim.User).Assembly;
        private static readonly Assembly Dependency = typeof(System.Text.Json.JsonDocument).Assembly;
        private static readonly Assembly Stranger = typeof(Xunit.Assert).Assembly;

        private readonly List<string> _loads = new List<string>();
        private readonly Dictionary<string, Version> _files = new Dictionary<string, Version>(StringComparer.OrdinalIgnoreCase)
        {
            [Path.Combine(Directory, "System.Text.Json.dll")] = new Version(10, 0, 0, 0),
            [Path.Combine(Directory, "Microsoft.Extensions.Http.dll")] = new Version(10, 0, 0, 0),
        };

        private DependencyResolver Resolver() => new DependencyResolver(Directory, Module,
            path => _files.TryGetValue(path, out var version) ? new AssemblyName(Path.GetFileNameWithoutExtension(path)) { Version = version } : null,
            path =>
            {
                _loads.Add(path);
                return Dependency;
            });

        private static string? Location(Assembly assembly) =>
            assembly == Dependency ? Path.Combine(Directory, "System.Text.Json.dll")
            : assembly == Stranger ? Path.Combine(Path.GetTempPath(), "OtherModule", "xunit.assert.dll")
            : "/opt/microsoft/powershell/7/" + assembly.GetName().Name + ".dll";

        [Fact]
        public void Serves_loads_requested_by_the_module()
        {
            Assert.Same(Dependency, Resolver().Resolve("System.Text.Json, Version=10.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51", Module, Location));
            Assert.Equal(new[] { Path.Combine(Directory, "System.Text.Json.dll") }, _loads);
        }

        [Fact]
        public void Serves_loads_requested_by_one_of_its_dependencies()
        {
            Assert.NotNull(Resolver().Resolve("Microsoft.Extensions.Http, Version=10.0.0.0", Dependency, Location));
        }

        [Fact]
        public void Leaves_loads_of_other_assemblies_to_them()
        {
            Assert.Null(Resolver().Resolve("System.Text.Json, Version=10.0.0.0", Stranger, Location));
            Assert.Empty(_loads);
        }

        [Theory]
        [InlineData("System.Text.Json, Version=10.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51")]
        [InlineData("System.Text.Json, Version=8.0.0.0")]
        [InlineData("System.Text.Json")]
        public void Serves_its_own_dependency_by_name_when_no_requesting_assembly_is_given(string requested)
        {
            // What .NET Framework (Windows PowerShell 5.1) gives for many loads, e.g. through Type.GetType.
            Assert.Same(Dependency, Resolver().Resolve(requested, null, Location));
        }

        [Fact]
        public void Without_a_requesting_assembly_serves_no_version_older_than_asked()
        {
            Assert.Null(Resolver().Resolve("System.Text.Json, Version=11.0.0.0", null, Location));
            Assert.Empty(_loads);
        }

        [Theory]
        [InlineData("Newtonsoft.Json, Version=13.0.0.0")]
        [InlineData("System.Management.Automation")]
        public void Without_a_requesting_assembly_serves_nothing_it_does_not_ship(string requested)
        {
            Assert.Null(Resolver().Resolve(requested, null, Location));
            Assert.Empty(_loads);
        }

        [Theory]
        [InlineData("..\\..\\evil")]
        [InlineData("not a valid, name=")]
        [InlineData("")]
        public void Ignores_names_that_are_not_plain_assembly_names(string requested)
        {
            Assert.Null(Resolver().Resolve(requested, Module, Location));
            Assert.Empty(_loads);
        }

        [Fact]
        public void Loads_each_dependency_once()
        {
            var resolver = Resolver();
            resolver.Resolve("System.Text.Json", Module, Location);
            resolver.Resolve("System.Text.Json, Version=10.0.0.0", null, Location);
            resolver.Resolve("system.text.json", Dependency, Location);
            Assert.Single(_loads);
        }
    }
}

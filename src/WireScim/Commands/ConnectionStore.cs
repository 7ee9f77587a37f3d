using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace WireScim.Commands
{
    /// <summary>The default connection of each runspace, set by Connect-WireScim. No PowerShell variable is created.</summary>
    internal static class ConnectionStore
    {
        private sealed class Holder { public Connection? Connection; }

        private static readonly ConditionalWeakTable<Runspace, Holder> Defaults = new ConditionalWeakTable<Runspace, Holder>();
        private static readonly Holder NoRunspace = new Holder();

        private static Holder Current =>
            Runspace.DefaultRunspace is Runspace runspace ? Defaults.GetValue(runspace, _ => new Holder()) : NoRunspace;

        public static Connection? Default
        {
            get => Current.Connection;
            set => Current.Connection = value;
        }
    }
}

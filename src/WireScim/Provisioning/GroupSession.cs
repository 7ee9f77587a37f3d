using WireScim.Scim;
using WireScim.Validation;

namespace WireScim.Provisioning
{
    /// <summary>
    /// What group work items use to reach Wire: the group client, and the user client for member look-ups, on one
    /// transport. Built once per command on the pipeline thread from the connection, then shared by all workers.
    /// </summary>
    internal sealed class GroupSession
    {
        private GroupSession(GroupClient groups, UserClient users, TeamMode mode)
        {
            Groups = groups;
            Users = users;
            TeamMode = mode;
        }

        public GroupClient Groups { get; }
        public UserClient Users { get; }

        /// <summary>How the team provisions, as the connection knows it: decides what an inactive member is.</summary>
        public TeamMode TeamMode { get; }

        public static GroupSession Open(Connection connection, ITraceSink trace, int concurrency)
        {
            var transport = connection.CreateTransport(trace, concurrency);
            return new GroupSession(new GroupClient(transport, connection.Address, connection.Token), new UserClient(transport, connection.Address, connection.Token), connection.TeamMode);
        }
    }
}

using WireScim.Scim;

namespace WireScim.Provisioning
{
    /// <summary>
    /// What user work items use to reach Wire: built once per command on the pipeline thread from the connection
    /// (so no worker reads a cmdlet property or the session default), then shared by all workers.
    /// </summary>
    internal sealed class UserSession
    {
        private UserSession(UserClient client, UserProvisioner provisioner)
        {
            Client = client;
            Provisioner = provisioner;
        }

        public UserClient Client { get; }
        public UserProvisioner Provisioner { get; }

        /// <param name="trace">Where requests report what they do (the engine, which writes it on the pipeline thread).</param>
        /// <param name="concurrency">Requests that may be in flight at once (the cmdlet's ThrottleLimit).</param>
        public static UserSession Open(Connection connection, ITraceSink trace, int concurrency)
        {
            var client = new UserClient(connection.CreateTransport(trace, concurrency), connection.Address, connection.Token);
            return new UserSession(client, new UserProvisioner(client, connection.RetryPolicy, connection.RichInfoLimit));
        }
    }
}

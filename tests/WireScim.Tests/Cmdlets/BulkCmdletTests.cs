using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using WireScim.Emulator;
using Xunit;

namespace WireScim.Tests.Cmdlets
{
    /// <summary>
    /// The bulk engine as PowerShell sees it, in process: progress written from the pipeline thread, and
    /// PowerShell.Stop() (Ctrl+C) cancelling requests that wait for a retry or are still in flight.
    /// Times below are only guards against a hang; no test asserts how fast anything is.
    /// </summary>
    public class BulkCmdletTests
    {
        private const string Token = "cmdlet-tests-token";
        private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(10);

        private const string ThreeUsers =
            "1..3 | ForEach-Object { [pscustomobject]@{ UserName = \"stop$_\"; DisplayName = \"Stop $_\"; ExternalId = \"stop$_@example.com\" } } | New-WireScimUser";

        [Fact]
        public async Task Progress_is_written_while_workers_run_and_completed_at_the_end()
        {
            await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { ScimToken = Token, LatencyMs = 50 });
            var ps = CmdletHost.Create();
            try
            {
                CmdletHost.Run(ps, CmdletHost.ConnectScript, new Dictionary<string, object?> { ["Uri"] = emulator.BaseUri + "scim/v2", ["Token"] = Token, ["RequestsPerSecond"] = 0 });
                var created = CmdletHost.Run(ps,
                    "1..60 | ForEach-Object { [pscustomobject]@{ UserName = \"prog$_\"; DisplayName = \"Progress $_\"; ExternalId = \"prog$_@example.com\" } } | New-WireScimUser -ThrottleLimit 2");

                Assert.Equal(60, created.Count);
                var progress = ps.Streams.Progress.Where(record => record.Activity == "Creating Wire users").ToList();
                Assert.True(progress.Count(record => record.RecordType == ProgressRecordType.Processing) >= 1,
                    "60 creates at 50 ms latency with 2 workers take over a second, so at least one progress update is due; got: " +
                    string.Join(" | ", progress.Select(record => $"{record.RecordType} {record.StatusDescription}")));
                Assert.All(progress.Where(record => record.RecordType == ProgressRecordType.Processing),
                    record => Assert.InRange(record.PercentComplete, 0, 100));
                var last = ps.Streams.Progress.Last();
                Assert.Equal(ProgressRecordType.Completed, last.RecordType);
                Assert.Equal("Creating Wire users", last.Activity);
                Assert.StartsWith("60 of 60 done", last.StatusDescription);
            }
            finally
            {
                CmdletHost.Dispose(ps);
            }
        }

        [Fact]
        public void Stop_cancels_workers_waiting_out_a_long_Retry_After()
        {
            using var server = new StubServer(StubServer.Behaviour.Unavailable);
            var ps = CmdletHost.Create();
            try
            {
                // MaxRetryTime above Retry-After, so the module does wait the hour instead of giving up at once.
                CmdletHost.Run(ps, CmdletHost.ConnectScript, new Dictionary<string, object?>
                {
                    ["Uri"] = server.ScimUri, ["Token"] = Token, ["MaxRetryTime"] = TimeSpan.FromHours(2),
                });
                ps.Commands.Clear();
                ps.AddScript(ThreeUsers);
                var invocation = ps.BeginInvoke();

                Assert.True(CmdletHost.WaitUntil(() => server.Requests >= 1, TimeSpan.FromSeconds(30)), "The stub server never received a request.");
                StopWithinGuard(ps, invocation);

                Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
                Assert.InRange(server.Requests, 1, 3);
            }
            finally
            {
                CmdletHost.Dispose(ps);
            }
        }

        [Fact]
        public void Stop_cancels_requests_in_flight_to_a_server_that_never_answers()
        {
            using var server = new StubServer(StubServer.Behaviour.NeverAnswer);
            var ps = CmdletHost.Create();
            try
            {
                // The default 60 s request timeout is far beyond the guard, so only cancellation can end the command in time.
                CmdletHost.Run(ps, CmdletHost.ConnectScript, new Dictionary<string, object?> { ["Uri"] = server.ScimUri, ["Token"] = Token });
                ps.Commands.Clear();
                ps.AddScript(ThreeUsers);
                var invocation = ps.BeginInvoke();

                Assert.True(CmdletHost.WaitUntil(() => server.Requests >= 1, TimeSpan.FromSeconds(30)), "The stub server never received a request.");
                StopWithinGuard(ps, invocation);

                Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
                Assert.True(CmdletHost.WaitUntil(() => server.ClosedByClient >= server.Requests, HangGuard),
                    $"The module left requests open after Stop: {server.Requests} received, {server.ClosedByClient} abandoned by the client.");
            }
            finally
            {
                CmdletHost.Dispose(ps);
            }
        }

        private static void StopWithinGuard(PowerShell ps, IAsyncResult invocation)
        {
            var stop = Task.Run(ps.Stop);
            Assert.True(stop.Wait(HangGuard), "PowerShell.Stop() did not return: the command ignored cancellation.");
            Assert.True(invocation.AsyncWaitHandle.WaitOne(HangGuard), "The invocation did not complete after Stop.");
            try
            {
                ps.EndInvoke(invocation);
            }
            catch (PipelineStoppedException)
            {
                // What a stopped invocation ends with.
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using WireScim.Provisioning;
using WireScim.Tests.TestServers;
using Xunit;

namespace WireScim.Tests.Units
{
    public class RateLimiterTests
    {
        // A very low rate makes "not yet" hold for minutes, so no assertion depends on how fast the machine is.
        private const double SlowRate = 0.01;
        private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

        [Fact]
        public void Limiting_off_completes_synchronously()
        {
            var limiter = new RateLimiter(0, 1);
            Assert.False(limiter.Enabled);
            for (int i = 0; i < 1000; i++)
                Assert.True(limiter.AcquireAsync("/scim/v2/Users", CancellationToken.None).IsCompletedSuccessfully);
        }

        [Fact]
        public void Negative_rate_is_off()
        {
            Assert.False(new RateLimiter(-5, 10).Enabled);
            Assert.True(new RateLimiter(-5, 10).AcquireAsync("/p", CancellationToken.None).IsCompletedSuccessfully);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(3)]
        [InlineData(10)]
        public async Task Burst_goes_at_once_then_the_next_waits(int burst)
        {
            var limiter = new RateLimiter(SlowRate, burst);
            using var cancel = new CancellationTokenSource();
            for (int i = 0; i < burst; i++)
            {
                Assert.True(limiter.AcquireAsync("/scim/v2/Users", cancel.Token).IsCompletedSuccessfully, $"acquisition {i + 1} of the burst waited");
                if (i == 0) limiter.Done("/scim/v2/Users");
            }
            var next = limiter.AcquireAsync("/scim/v2/Users", cancel.Token);
            Assert.False(next.IsCompleted);
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next);
        }

        [Fact]
        public void Burst_below_one_counts_as_one()
        {
            var limiter = new RateLimiter(SlowRate, 0);
            Assert.Equal(1, limiter.Burst);
            using var cancel = new CancellationTokenSource();
            Assert.True(limiter.AcquireAsync("/p", cancel.Token).IsCompletedSuccessfully);
            Assert.False(limiter.AcquireAsync("/p", cancel.Token).IsCompleted);
            cancel.Cancel();
        }

        [Fact]
        public void Separate_paths_have_separate_buckets()
        {
            var limiter = new RateLimiter(SlowRate, 2);
            using var cancel = new CancellationTokenSource();
            Assert.True(limiter.AcquireAsync("/scim/v2/Users", cancel.Token).IsCompletedSuccessfully);
            limiter.Done("/scim/v2/Users");
            Assert.True(limiter.AcquireAsync("/scim/v2/Users", cancel.Token).IsCompletedSuccessfully);
            Assert.False(limiter.AcquireAsync("/scim/v2/Users", cancel.Token).IsCompleted);
            Assert.True(limiter.AcquireAsync("/scim/v2/Users/" + TestUsers.AliceId, cancel.Token).IsCompletedSuccessfully);
            limiter.Done("/scim/v2/Users/" + TestUsers.AliceId);
            Assert.True(limiter.AcquireAsync("/scim/v2/Users/" + TestUsers.AliceId, cancel.Token).IsCompletedSuccessfully);
            Assert.False(limiter.AcquireAsync("/scim/v2/Users/" + TestUsers.AliceId, cancel.Token).IsCompleted);
            cancel.Cancel();
        }

        [Fact]
        public async Task The_first_request_of_a_path_goes_alone_and_the_others_follow_once_it_is_done()
        {
            var limiter = new RateLimiter(50, 5);
            Assert.True(limiter.AcquireAsync("/scim/v2/Users", CancellationToken.None).IsCompletedSuccessfully);
            var held = Enumerable.Range(0, 4).Select(_ => limiter.AcquireAsync("/scim/v2/Users", CancellationToken.None)).ToList();
            Assert.True(limiter.AcquireAsync("/scim/v2/Groups", CancellationToken.None).IsCompletedSuccessfully, "another path waited");
            await Task.Delay(100);
            Assert.All(held, wait => Assert.False(wait.IsCompleted, "a request went before the path's first was answered"));

            limiter.Done("/scim/v2/Users");
            var all = Task.WhenAll(held);
            Assert.Same(all, await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(10))));
        }

        [Fact]
        public async Task A_request_held_behind_the_first_ends_on_cancellation()
        {
            var limiter = new RateLimiter(50, 5);
            Assert.True(limiter.AcquireAsync("/p", CancellationToken.None).IsCompletedSuccessfully);
            using var cancel = new CancellationTokenSource();
            var held = limiter.AcquireAsync("/p", cancel.Token);
            Assert.False(held.IsCompleted);
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => held);
        }

        [Fact]
        public void Paths_are_compared_exactly()
        {
            var limiter = new RateLimiter(SlowRate, 1);
            using var cancel = new CancellationTokenSource();
            Assert.True(limiter.AcquireAsync("/scim/v2/Users", cancel.Token).IsCompletedSuccessfully);
            Assert.True(limiter.AcquireAsync("/scim/v2/users", cancel.Token).IsCompletedSuccessfully);
            cancel.Cancel();
        }

        [Fact]
        public void Throttled_path_waits_even_with_tokens_left()
        {
            var limiter = new RateLimiter(1000, 10);
            using var cancel = new CancellationTokenSource();
            limiter.ReportThrottled("/p", TimeSpan.FromHours(1), TimeSpan.MaxValue);
            Assert.False(limiter.AcquireAsync("/p", cancel.Token).IsCompleted);
            Assert.True(limiter.AcquireAsync("/other", cancel.Token).IsCompletedSuccessfully);
            cancel.Cancel();
        }

        [Fact]
        public void ReportThrottled_lowers_rate_but_not_below_a_quarter()
        {
            var limiter = new RateLimiter(40, 10);
            Assert.Equal(40, limiter.CurrentRate("/p"));
            limiter.ReportThrottled("/p", TimeSpan.Zero, TimeSpan.MaxValue);
            var once = limiter.CurrentRate("/p");
            Assert.True(once < 40, $"rate after one throttle: {once}");
            Assert.True(once >= 10);
            double previous = once;
            for (int i = 0; i < 50; i++)
            {
                limiter.ReportThrottled("/p", TimeSpan.Zero, TimeSpan.MaxValue);
                var now = limiter.CurrentRate("/p");
                Assert.True(now <= previous);
                Assert.True(now >= 10, $"rate fell to {now}, below R/4 = 10");
                previous = now;
            }
            Assert.Equal(10, limiter.CurrentRate("/p"), 9);
            Assert.Equal(40, limiter.CurrentRate("/other"));
        }

        [Fact]
        public void ReportSuccess_restores_towards_the_configured_rate_and_never_above()
        {
            var limiter = new RateLimiter(40, 10);
            limiter.ReportThrottled("/p", TimeSpan.Zero, TimeSpan.MaxValue);
            var lowered = limiter.CurrentRate("/p");
            for (int i = 0; i < 49; i++) limiter.ReportSuccess("/p");
            var afterSome = limiter.CurrentRate("/p");
            Assert.True(afterSome >= lowered);
            for (int i = 0; i < 2000; i++) limiter.ReportSuccess("/p");
            var restored = limiter.CurrentRate("/p");
            Assert.True(restored > lowered, $"rate stayed at {restored}");
            Assert.Equal(40, restored, 9);
        }

        [Fact]
        public void ReportSuccess_on_an_unthrottled_path_keeps_the_rate()
        {
            var limiter = new RateLimiter(40, 10);
            for (int i = 0; i < 500; i++) limiter.ReportSuccess("/p");
            Assert.Equal(40, limiter.CurrentRate("/p"));
        }

        [Fact]
        public void Reports_are_ignored_when_off()
        {
            var limiter = new RateLimiter(0, 10);
            limiter.ReportThrottled("/p", TimeSpan.FromHours(1), TimeSpan.MaxValue);
            Assert.True(limiter.AcquireAsync("/p", CancellationToken.None).IsCompletedSuccessfully);
        }

        [Fact]
        public async Task Cancelling_a_pending_acquisition_throws_promptly()
        {
            var limiter = new RateLimiter(SlowRate, 1);
            using var cancel = new CancellationTokenSource();
            Assert.True(limiter.AcquireAsync("/p", cancel.Token).IsCompletedSuccessfully);
            var pending = limiter.AcquireAsync("/p", cancel.Token);
            Assert.False(pending.IsCompleted);
            cancel.Cancel();
            var finished = await Task.WhenAny(pending, Task.Delay(HangGuard));
            Assert.Same(pending, finished);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        }

        [Fact]
        public async Task Already_cancelled_token_with_a_wait_throws()
        {
            var limiter = new RateLimiter(SlowRate, 1);
            await limiter.AcquireAsync("/p", CancellationToken.None);
            using var cancel = new CancellationTokenSource();
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => limiter.AcquireAsync("/p", cancel.Token));
        }
    }

    public class RetryPolicyTests
    {
        [Fact]
        public void Defaults()
        {
            var policy = new RetryPolicy();
            Assert.Equal(8, policy.MaxAttempts);
            Assert.Equal(TimeSpan.FromMinutes(5), policy.MaxRetryTime);
            Assert.True(policy.BaseDelay > TimeSpan.Zero);
            Assert.True(policy.MaxDelay >= policy.BaseDelay);
        }

        [Fact]
        public void Backoff_within_jitter_bounds_of_each_attempt()
        {
            var policy = new RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(30) };
            for (int attempt = 1; attempt <= 12; attempt++)
            {
                var ceiling = Math.Min(30000, 100 * Math.Pow(2, attempt - 1));
                for (int sample = 0; sample < 50; sample++)
                {
                    var delay = policy.Backoff(attempt).TotalMilliseconds;
                    Assert.InRange(delay, ceiling / 2 - 0.001, ceiling + 0.001);
                }
            }
        }

        [Fact]
        public void Backoff_grows_with_the_attempt()
        {
            var policy = new RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromMinutes(10) };
            for (int attempt = 1; attempt < 10; attempt++)
            {
                // Full-jitter halves: the smallest wait of attempt n+1 is the largest of attempt n.
                var largestNow = Enumerable.Range(0, 50).Max(_ => policy.Backoff(attempt));
                var smallestNext = Enumerable.Range(0, 50).Min(_ => policy.Backoff(attempt + 1));
                Assert.True(smallestNext >= largestNow - TimeSpan.FromTicks(1), $"attempt {attempt + 1}: {smallestNext} < {largestNow}");
            }
            Assert.True(policy.Backoff(8) > policy.Backoff(1));
        }

        [Theory]
        [InlineData(10)]
        [InlineData(30)]
        [InlineData(100)]
        [InlineData(int.MaxValue)]
        public void Backoff_bounded_by_max_delay(int attempt)
        {
            var policy = new RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(250), MaxDelay = TimeSpan.FromSeconds(30) };
            for (int sample = 0; sample < 20; sample++)
            {
                var delay = policy.Backoff(attempt);
                Assert.True(delay <= policy.MaxDelay, $"{delay} > {policy.MaxDelay}");
                Assert.True(delay >= TimeSpan.FromSeconds(15) - TimeSpan.FromMilliseconds(1));
            }
        }

        [Fact]
        public void DelayFor_waits_at_least_retry_after_with_a_bounded_spread()
        {
            var policy = new RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(2) };
            var oneSecond = Enumerable.Range(0, 200).Select(_ => policy.DelayFor(1, TimeSpan.FromSeconds(1))).ToList();
            Assert.All(oneSecond, delay => Assert.InRange(delay.TotalMilliseconds, 1000, 2000));
            Assert.True(oneSecond.Distinct().Count() > 100, "throttled workers must not all come back at the same instant");
            Assert.InRange(policy.DelayFor(5, TimeSpan.FromHours(1)).TotalSeconds, 3600, 3602);
        }

        [Fact]
        public void DelayFor_falls_back_to_backoff_without_retry_after()
        {
            var policy = new RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(30) };
            Assert.InRange(policy.DelayFor(1, null).TotalMilliseconds, 49.999, 100.001);
            Assert.InRange(policy.DelayFor(1, TimeSpan.Zero).TotalMilliseconds, 49.999, 100.001);
            Assert.InRange(policy.DelayFor(1, TimeSpan.FromSeconds(-3)).TotalMilliseconds, 49.999, 100.001);
        }
    }
}

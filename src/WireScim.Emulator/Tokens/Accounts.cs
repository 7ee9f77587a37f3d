using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;

namespace WireScim.Emulator.Tokens;

/// <summary>A Wire team account that can log in (the seeded owner, and optionally a plain member).</summary>
internal sealed record Account(Guid Id, string Email, string Handle, string Password, string Role)
{
    /// <summary>Owner and admin carry the hidden permission CreateReadDeleteScimToken.</summary>
    public bool MayManageScimTokens => Role is "owner" or "admin";
}

/// <summary>Brig's side: accounts, access tokens from /login, and the per-user password-check rate limit.</summary>
internal sealed class Accounts
{
    private static readonly TimeSpan RefillInterval = TimeSpan.FromMinutes(1);

    private readonly List<Account> accounts = new();
    private readonly ConcurrentDictionary<string, Account> accountByAccessToken = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, (double Tokens, long Timestamp)> passwordBuckets = new();
    private readonly int passwordBurst;

    public Accounts(EmulatorOptions options)
    {
        passwordBurst = options.PasswordBurst;
        accounts.Add(new Account(Guid.NewGuid(), options.AdminEmail, HandleOf(options.AdminEmail), options.AdminPassword, "owner"));
        if (options.MemberEmail is not null)
            accounts.Add(new Account(Guid.NewGuid(), options.MemberEmail, HandleOf(options.MemberEmail), options.MemberPassword, "member"));
    }

    /// <summary>brig finds accounts by the e-mail's key (<see cref="Users.EmailKey"/>).</summary>
    public Account? FindByEmail(string email) => accounts.FirstOrDefault(a => Users.EmailKey.Same(a.Email, email));

    public Account? FindByHandle(string handle) =>
        accounts.FirstOrDefault(a => string.Equals(a.Handle, handle, StringComparison.OrdinalIgnoreCase));

    public string IssueAccessToken(Account account)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        accountByAccessToken[token] = account;
        return token;
    }

    public Account? FindByAccessToken(string token) => accountByAccessToken.GetValueOrDefault(token);

    public enum PasswordCheck { Correct, Wrong, RateLimited }

    /// <summary>A password verification as brig does it: it consumes one unit of the user's budget, right or wrong.</summary>
    public PasswordCheck CheckPassword(Account account, string password)
    {
        if (passwordBurst > 0 && !TryConsumePasswordBudget(account.Id)) return PasswordCheck.RateLimited;
        return password == account.Password ? PasswordCheck.Correct : PasswordCheck.Wrong;
    }

    private bool TryConsumePasswordBudget(Guid accountId)
    {
        lock (passwordBuckets)
        {
            var now = Stopwatch.GetTimestamp();
            var (tokens, last) = passwordBuckets.GetValueOrDefault(accountId, (passwordBurst, now));
            tokens = Math.Min(passwordBurst, tokens + Stopwatch.GetElapsedTime(last, now) / RefillInterval);
            if (tokens < 1)
            {
                passwordBuckets[accountId] = (tokens, now);
                return false;
            }
            passwordBuckets[accountId] = (tokens - 1, now);
            return true;
        }
    }

    private static string HandleOf(string email) => email.Split('@')[0].ToLowerInvariant();
}

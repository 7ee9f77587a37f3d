using System.Security.Cryptography;

namespace WireScim.Emulator.Tokens;

/// <summary>A code brig e-mailed: for one account e-mail and one action.</summary>
internal sealed record SentCode(string Email, string Action, string Value, DateTimeOffset SentAt, DateTimeOffset ExpiresAt);

/// <summary>
/// brig's second-factor codes (libs/wire-subsystems/src/Wire/VerificationCodeSubsystem/Interpreter.hs): 6 digits, one
/// per e-mail key and action, replaced by a new request once the resend delay is over, valid any number of times until
/// it expires, and dead after 3 wrong tries (docs/wire-behaviour.md#two-factor-authentication-two-codes).
/// </summary>
internal sealed class VerificationCodes(TimeSpan lifetime, TimeSpan resendDelay, TimeProvider clock)
{
    public static readonly string[] Actions = ["login", "create_scim_token", "delete_team"];
    private const int Retries = 3;

    private readonly object gate = new();
    private readonly Dictionary<(string Key, string Action), (SentCode Code, int RetriesLeft)> codes = new();
    private readonly Dictionary<(string Key, string Action), DateTimeOffset> throttledUntil = new();
    private readonly List<SentCode> mailed = new();

    /// <summary>Makes and "mails" a new code; null when sent, otherwise the seconds to wait (brig's 429 Retry-After).</summary>
    public int? Send(string accountEmail, string action)
    {
        var slot = (Users.EmailKey.Of(accountEmail), action);
        var now = clock.GetUtcNow();
        lock (gate)
        {
            if (throttledUntil.TryGetValue(slot, out var until) && until > now)
                return Math.Max(1, (int)Math.Ceiling((until - now).TotalSeconds));
            throttledUntil[slot] = now + resendDelay;
            var code = new SentCode(accountEmail, action, RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6"), now, now + lifetime);
            codes[slot] = (code, Retries);
            mailed.Add(code);
            return null;
        }
    }

    /// <summary>brig's verifyCode: a wrong value uses up one try; a right one works while tries are left and it has not expired.</summary>
    public bool Verify(string accountEmail, string action, string value)
    {
        var slot = (Users.EmailKey.Of(accountEmail), action);
        lock (gate)
        {
            if (!codes.TryGetValue(slot, out var entry) || entry.Code.ExpiresAt <= clock.GetUtcNow()) return false;
            if (entry.RetriesLeft <= 0) return false;
            if (entry.Code.Value == value) return true;
            codes[slot] = entry with { RetriesLeft = entry.RetriesLeft - 1 };
            return false;
        }
    }

    /// <summary>Every code mailed, oldest first; with an e-mail, only those mailed to that address (by brig's key).</summary>
    public IReadOnlyList<SentCode> Mailed(string? email)
    {
        lock (gate)
            return mailed.Where(c => email is null || Users.EmailKey.Of(c.Email) == Users.EmailKey.Of(email)).ToList();
    }
}

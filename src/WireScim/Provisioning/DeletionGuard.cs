using System.Globalization;

namespace WireScim.Provisioning
{
    /// <summary>
    /// Holds back disabling or removing users that left the input when the input looks incomplete: when none of the
    /// users the sync manages is in it, or when more would be acted on than allowed. Every managed user counts,
    /// active or disabled, so users disabled by earlier runs never weaken the rules.
    /// </summary>
    internal sealed class DeletionGuard
    {
        public DeletionGuard(int maxMissingActions, bool force)
        {
            MaxMissingActions = maxMissingActions;
            Force = force;
        }

        public int MaxMissingActions { get; }
        public bool Force { get; }

        /// <param name="managed">Users the state file manages (active, disabled or pending).</param>
        /// <param name="missing">Of those, the ones no input row matched.</param>
        /// <param name="actions">Of those, the ones this run would disable or remove.</param>
        /// <param name="verb">"disabled" or "removed", for the message.</param>
        /// <returns>Why nothing may be done, or null when the actions may go ahead.</returns>
        public string? Check(int managed, int missing, int actions, string verb)
        {
            if (Force || actions == 0) return null;
            if (managed > 0 && missing == managed)
                return string.Format(CultureInfo.InvariantCulture,
                    "None of the {0} users this sync manages is in the input: an empty or wrong input file must not empty the team. Nothing was {1}: check that the input file is complete. If the change is intended, run again with -Force.",
                    managed, verb);
            if (actions > MaxMissingActions)
                return string.Format(CultureInfo.InvariantCulture,
                    "{0} of the {1} users this sync manages would be {2} (they are not in the input), more than -MaxMissingActions {3} allows. Nothing was {2}: check that the input file is complete. If the change is intended, run again with -Force or a higher -MaxMissingActions.",
                    actions, managed, verb, MaxMissingActions);
            return null;
        }
    }
}

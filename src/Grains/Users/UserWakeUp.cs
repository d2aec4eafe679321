namespace Rainforest.Grains.Users;

/// <summary>How a user grain comes back to polling by itself: after a silo start, a silo's death or a move.</summary>
public static class UserWakeUp
{
    /// <summary>
    /// The period of each user's durable reminder. It is the last resort: a started silo wakes every registered user
    /// through the directory, and a survivor does when a silo dies, within seconds. Five minutes instead of one is a
    /// fifth of the reminder ticks (100,000 users: 333 a second instead of 1,667) for a slower fallback only.
    /// </summary>
    public static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A user that becomes active closer than this to its next slot starts at the slot after: while many users start
    /// at once, a slot a few milliseconds away would be polled late; a slot is never polled late to save six seconds.
    /// </summary>
    public static readonly TimeSpan FirstPollLead = TimeSpan.FromMilliseconds(250);
}

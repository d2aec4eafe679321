using Rainforest.Silo.Cluster;

namespace Rainforest.Silo.Hosting;

/// <summary>
/// At silo start, wakes every registered user so polling resumes at once after a restart, without waiting
/// for reminders or any API call. Runs in the background: a large directory must not delay readiness.
/// Users are woken in the order of their slots, a bounded number at a time (see <see cref="RegisteredUsers"/>).
/// </summary>
public sealed class WakeRegisteredUsers(RegisteredUsers users, ILogger<WakeRegisteredUsers> logger) : IStartupTask
{
    public Task Execute(CancellationToken cancellationToken)
    {
        _ = Task.Run(async () =>
        {
            try
            {
                logger.LogInformation("Woke {Users} registered users", await users.WakeAllAsync());
            }
            catch (Exception ex)
            {
                // Reminders still bring every user back within a minute or so.
                logger.LogWarning(ex, "Could not wake every registered user at start");
            }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }
}

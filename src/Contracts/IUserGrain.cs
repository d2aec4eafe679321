namespace Rainforest.Contracts;

/// <summary>
/// One user, keyed by Cloud ID (canonical spelling). Owns the gateway credentials (encrypted at rest),
/// the counters, the polling status, its own six-second timer and the current hour's log.
/// </summary>
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>Creates the user or replaces the credentials; counters survive an update.</summary>
    Task<RegistrationResult> RegisterAsync(UserRegistration registration);

    /// <summary>The user, or null when no such user is registered.</summary>
    Task<UserSnapshot?> GetAsync();

    /// <summary>Stops polling and forgets the credentials. False when the user did not exist.</summary>
    Task<bool> DeleteAsync();

    /// <summary>Polls the gateway now; a reading is logged like any other. Null when the user is unknown.</summary>
    Task<PollResult?> PollNowAsync();

    /// <summary>
    /// Logs the readings a push user's gateway uploaded, after checking the presented secret's hash against the
    /// stored one (in constant time) and the envelope's gateway against the one pinned by the first upload.
    /// </summary>
    Task<UploadResult> UploadAsync(byte[] secretHash, UploadEnvelope envelope);

    /// <summary>Makes sure a registered user is being polled (called after a silo starts).</summary>
    [OneWay]
    Task WakeAsync();

    /// <summary>
    /// Like <see cref="WakeAsync"/>, but answered once the user is active and its first poll is armed, so a silo can
    /// wake many users a bounded number at a time.
    /// </summary>
    Task EnsureActiveAsync();
}

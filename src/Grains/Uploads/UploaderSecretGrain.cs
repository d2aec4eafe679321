namespace Rainforest.Grains.Uploads;

/// <summary>
/// One issued Uploader secret, keyed by its SHA-256 (hex): the Cloud ID it uploads for, persisted so the route
/// finds the user after a restart. Only the user grain binds or revokes it.
/// </summary>
public sealed class UploaderSecretGrain(
    [PersistentState("uploader", "Users")] IPersistentState<UploaderSecretRecord> record) : Grain, IUploaderSecretGrain
{
    Task<string?> IUploaderSecretGrain.GetCloudIdAsync() => Task.FromResult(record.State.CloudId);

    async Task IUploaderSecretGrain.BindAsync(string cloudId)
    {
        if (record.State.CloudId == cloudId) return;
        record.State.CloudId = cloudId;
        await record.WriteStateAsync();
    }

    async Task IUploaderSecretGrain.RevokeAsync()
    {
        if (record.State.CloudId is null) return;
        await record.ClearStateAsync();
        record.State = new UploaderSecretRecord();
        DeactivateOnIdle();
    }
}

namespace Rainforest.Grains.Users;

/// <summary>A user's persisted state. The password is only ever stored encrypted.</summary>
[GenerateSerializer]
public sealed class UserRecord
{
    [Id(0)] public bool Registered { get; set; }
    [Id(1)] public string Email { get; set; } = "";
    [Id(2)] public string ProtectedPassword { get; set; } = "";
    [Id(3)] public long TotalEventsLogged { get; set; }
    [Id(4)] public double? FirstTimestamp { get; set; }
    [Id(5)] public double? LastTimestamp { get; set; }

    /// <summary>The hour file being written when the counters were last persisted, and how many of its lines they include.</summary>
    [Id(6)] public string? CurrentHour { get; set; }
    [Id(7)] public long LinesInCurrentHour { get; set; }

    /// <summary>The gateway's own timestamp of the last logged reading, to refuse readings from the past.</summary>
    [Id(8)] public ulong LastGatewayTimeStamp { get; set; }

    /// <summary>Set when the relay rejected the credentials; cleared by an update.</summary>
    [Id(9)] public bool CredentialsRejected { get; set; }

    [Id(10)] public bool ReminderRegistered { get; set; }
}

namespace Rainforest.Grains.Users;

/// <summary>A user's persisted state. The password and the install code are only ever stored encrypted.</summary>
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

    /// <summary>Where the readings come from; records written before there was a choice are relay users.</summary>
    [Id(11)] public ReadingSource Source { get; set; }

    /// <summary>A local user's gateway root (<c>http://192.168.1.20</c>); null for relay users.</summary>
    [Id(12)] public string? GatewayUrl { get; set; }

    /// <summary>A local user's install code, encrypted like the password; empty for relay users.</summary>
    [Id(13)] public string ProtectedInstallCode { get; set; } = "";

    /// <summary>A push user's Uploader secret as hex SHA-256; the secret itself is never stored.</summary>
    [Id(14)] public string? UploadSecretHash { get; set; }

    /// <summary>The gateway MAC id pinned by a push user's first accepted upload; uploads from another are refused.</summary>
    [Id(15)] public ulong? PushGatewayMacId { get; set; }
}

using StackExchange.Redis;

namespace Rainforest.Cli.Migration;

/// <summary>
/// Where the 2015 system's Redis is: <c>redis://[user:password@]host[:port][/db]</c> (<c>rediss://</c> for TLS).
/// Shown back without the password.
/// </summary>
public sealed record OriginalRedisUrl(string Host, int Port, int Database, string? User, string? Password, bool Tls)
{
    public const int DefaultPort = 6379;

    public static bool TryParse(string? text, out OriginalRedisUrl? url, out string? reason)
    {
        url = null;
        reason = $"'{text}' is not a Redis URL: redis://host:port[/db], e.g. redis://127.0.0.1:6379/0";
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("redis" or "rediss")
            || string.IsNullOrEmpty(uri.Host) || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            return false;
        }

        var path = uri.AbsolutePath.Trim('/');
        var database = 0;
        if (path.Length > 0 && (!int.TryParse(path, out database) || database < 0))
        {
            reason = $"'{path}' in {text} is not a Redis database number";
            return false;
        }

        string? user = null, password = null;
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            user = parts.Length == 2 && parts[0].Length > 0 ? Uri.UnescapeDataString(parts[0]) : null;
            password = Uri.UnescapeDataString(parts.Length == 2 ? parts[1] : parts[0]);
        }

        url = new OriginalRedisUrl(uri.IdnHost, uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port, database, user, password, uri.Scheme == "rediss");
        reason = null;
        return true;
    }

    public ConfigurationOptions ToOptions(TimeSpan timeout)
    {
        var options = new ConfigurationOptions
        {
            AbortOnConnectFail = true,
            ConnectTimeout = (int)timeout.TotalMilliseconds,
            SyncTimeout = (int)timeout.TotalMilliseconds,
            AsyncTimeout = (int)timeout.TotalMilliseconds,
            DefaultDatabase = Database,
            User = User,
            Password = Password,
            Ssl = Tls,
            // SCAN is on the server API, which only an admin connection may use.
            AllowAdmin = true,
        };
        options.EndPoints.Add(Host, Port);
        return options;
    }

    public override string ToString() => $"{(Tls ? "rediss" : "redis")}://{(Host.Contains(':') ? $"[{Host}]" : Host)}:{Port}/{Database}";
}

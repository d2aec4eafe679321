namespace Rainforest.Security.Tests.Fuzzing;

/// <summary>
/// A seeded generator of hostile requests: the same seed gives the same requests, so a failure can be replayed.
/// None of them is a valid registration (a valid Cloud ID never comes with a valid body and a JSON content
/// type and a key), so the system under attack must end exactly as it started.
/// </summary>
public sealed class MalformedRequests(int seed)
{
    public const string Marker = "fuzzmark";

    private static readonly string[] Methods =
        ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "PROPFIND", "get", "P0ST", "FOO", "M-SEARCH"];

    private static readonly string[] Routes =
        ["/api/users/{id}", "/api/users", "/api/event/{id}", "/api/users/{id}/", "/api/", "/api/users/", "/dashboard/", "/metrics", "/health/ready", "/openapi/v1.json", "/"];

    private static readonly string[] HostileIds =
    [
        "..%2f..%2fetc%2fpasswd", "..%2F..%2F" + Marker, "%2e%2e%2f%2e%2e%2f" + Marker, "..\\..\\" + Marker, "%00", "00%002506",
        "%252e%252e%252f", "%c0%ae%c0%ae%2f", "%u002e%u002e", "0025067", "00250", "00250g", "%ef%bc%90%ef%bc%90%ef%bc%90%ef%bc%90%ef%bc%90%ef%bc%90",
        "0x2506", "-02506", "+02506", "%20002506", "002506%20", "002506%0d%0aX-Injected:%201", "002506;x=1", "002506%3f", "002506%23",
        "con", "aux", "nul", "~root", ".", "..", "*", "%", "%zz", "%ff%fe", "${jndi:ldap://x}", "'; DROP TABLE users; --",
        "<script>alert(1)</script>", "{{7*7}}", "..;/..;/" + Marker, "%2e", "00ab cd",
    ];

    private static readonly string[] ValidIds = ["002506", "00abcd", "fedcba", "0F0F0F", "c0ffee"];

    private static readonly string[] ContentTypes =
    [
        "application/json", "application/json; charset=utf-8", "application/json; charset=utf-16", "text/plain", "application/xml",
        "multipart/form-data; boundary=zz", "application/x-www-form-urlencoded", "application/problem+json", "application/vnd.x+json",
        "*/*", "application/", ";;;", "application/json, text/plain", "",
    ];

    private static readonly string[] BadEmails =
        ["plain", "a@b", "two@@example.com", "a@b@example.com", "sp ace@example.com", "", "@example.com", "x@", "a@example..com"];

    private readonly Random _random = new(seed);

    /// <summary>Requests to send over a raw socket: broken framing, headers and lines no client library would produce.</summary>
    public IEnumerable<(string Kind, byte[] Bytes)> Raw(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return (_random.Next(12)) switch
            {
                // Ended by a blank line, so the server has a whole "request" to refuse rather than wait for more.
                0 => ("random bytes", [.. RandomBytes(_random.Next(1, 4096)), .. "\r\n\r\n"u8]),
                1 => ("random text", RawHttp.Ascii(RandomText(_random.Next(1, 2000)) + "\r\n\r\n")),
                2 => ("huge header", Request("GET", Route(), [("X-Big", new string('h', _random.Next(8_000, 70_000)))])),
                3 => ("many headers", Request("GET", Route(), Enumerable.Range(0, _random.Next(100, 1500)).Select(n => ($"X-H{n}", "v")).ToList())),
                4 => ("path trick", Request(Pick(Methods[..2]), Route(hostile: true), [])),
                5 => ("wrong method", Request(Pick(Methods), Route(), [])),
                6 => ("chunked garbage", ChunkedGarbage()),
                7 => ("framing conflict", FramingConflict()),
                8 => ("bad request line", BadRequestLine()),
                9 => ("bad header", BadHeader()),
                10 => ("long request line", Request("GET", "/api/users/" + new string('0', _random.Next(4_000, 20_000)), [])),
                _ => ("hostile body", Request("POST", Route(hostile: _random.Next(2) == 0), [("Content-Type", Pick(ContentTypes))], InvalidBody())),
            };
        }
    }

    /// <summary>Well-formed HTTP with hostile content, for HttpClient.</summary>
    public IEnumerable<(string Kind, Func<HttpRequestMessage> Create)> Http(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var kind = _random.Next(8);
            // Half go where a body is read and validated: a registration with the key.
            var registration = _random.Next(2) == 0;
            var method = registration ? "POST" : Pick(Methods[..9]);
            var path = registration ? "/api/users/" + (_random.Next(3) == 0 ? Pick(HostileIds) : Pick(ValidIds)) : Route(hostile: _random.Next(3) == 0);
            var contentType = Pick(ContentTypes);
            var body = InvalidBody();
            var keyChoice = registration ? 9 : _random.Next(10);
            var extraQuery = _random.Next(4) == 0 ? "?status=" + Uri.EscapeDataString(RandomText(_random.Next(0, 40))) : "";
            yield return (kind switch
            {
                0 => "deep json",
                1 => "wrong content type",
                2 => "hostile fields",
                3 => "odd key",
                _ => "mixed",
            }, () =>
            {
                var request = new HttpRequestMessage(new HttpMethod(method), path + extraQuery);
                var bytes = kind == 0 ? DeepJson() : body;
                if (method is not ("GET" or "HEAD" or "TRACE") || kind < 3)
                {
                    var content = new ByteArrayContent(bytes);
                    content.Headers.TryAddWithoutValidation("Content-Type", contentType);
                    request.Content = content;
                }
                switch (keyChoice)
                {
                    case 0: break;
                    case 1: request.Headers.TryAddWithoutValidation("X-Api-Key", RandomText(_random.Next(1, 200))); break;
                    case 2: request.Headers.TryAddWithoutValidation("Authorization", "Basic " + RandomText(_random.Next(1, 100))); break;
                    case 3: request.Headers.TryAddWithoutValidation("X-Api-Key", new string('k', 10_000)); break;
                    default: request.Headers.TryAddWithoutValidation("X-Api-Key", SiloProcess.ApiKey); break;
                }
                return request;
            });
        }
    }

    private string Route(bool hostile = false)
    {
        var route = Pick(Routes);
        var id = hostile ? Pick(HostileIds) : _random.Next(3) == 0 ? Pick(HostileIds) : Pick(ValidIds);
        return route.Replace("{id}", id, StringComparison.Ordinal);
    }

    private static byte[] Request(string method, string target, IReadOnlyList<(string Name, string Value)> headers, byte[]? body = null)
    {
        var text = new StringBuilder($"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Api-Key: {SiloProcess.ApiKey}\r\n");
        foreach (var (name, value) in headers) text.Append(name).Append(": ").Append(value).Append("\r\n");
        if (body is not null) text.Append("Content-Length: ").Append(body.Length).Append("\r\n");
        text.Append("Connection: close\r\n\r\n");
        return [.. RawHttp.Ascii(text.ToString()), .. body ?? []];
    }

    private byte[] ChunkedGarbage()
    {
        var chunks = _random.Next(5) switch
        {
            0 => "ZZZ\r\nabc\r\n0\r\n\r\n",
            1 => "FFFFFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n",
            2 => "5\r\n{\"a\":1234567\r\n0\r\n\r\n",
            3 => "-1\r\n\r\n",
            _ => ChunkWithExtension(RandomText(_random.Next(1, 50))),
        };
        var head = $"POST /api/users/{Pick(ValidIds)} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Api-Key: {SiloProcess.ApiKey}\r\n" +
                   "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
        return RawHttp.Ascii(head + chunks);
    }

    // A well-framed chunk carrying a quoted extension and a trailer: legal framing around an invalid body.
    private string ChunkWithExtension(string data) =>
        $"{data.Length:x};ext=\"{RandomText(10).Replace("\"", "", StringComparison.Ordinal)}\"\r\n{data}\r\n0\r\nTrailer: x\r\n\r\n";

    private byte[] FramingConflict()
    {
        var framing = _random.Next(5) switch
        {
            0 => "Content-Length: 10\r\nTransfer-Encoding: chunked\r\n",
            1 => "Content-Length: 5\r\nContent-Length: 50\r\n",
            2 => "Content-Length: -1\r\n",
            3 => "Content-Length: 99999999999999999999\r\n",
            _ => "Transfer-Encoding: gzip, chunked, identity\r\n",
        };
        return RawHttp.Ascii($"POST /api/users/{Pick(ValidIds)} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Api-Key: {SiloProcess.ApiKey}\r\n" +
                             $"Content-Type: application/json\r\n{framing}Connection: close\r\n\r\n{{\"user_email\":1}}");
    }

    private byte[] BadRequestLine() => RawHttp.Ascii(_random.Next(6) switch
    {
        0 => "GET /api/users HTTP/9.9\r\nHost: x\r\n\r\n",
        1 => "GET /api/users\r\nHost: x\r\n\r\n",
        2 => "GET  /api/users  HTTP/1.1\r\nHost: x\r\n\r\n",
        3 => "GET api/users HTTP/1.1\r\nHost: x\r\n\r\n",
        4 => $"{new string('G', 5000)} / HTTP/1.1\r\nHost: x\r\n\r\n",
        _ => "GET /api/users HTTP/1.1\nHost: x\n\n",
    });

    private byte[] BadHeader() => RawHttp.Ascii(
        "GET /api/users HTTP/1.1\r\nHost: 127.0.0.1\r\n" + _random.Next(6) switch
        {
            0 => "Bad Header: x\r\n",
            1 => "X-Api-Key:\0" + SiloProcess.ApiKey + "\r\n",
            2 => ": empty-name\r\n",
            3 => "X-Api-Key: " + SiloProcess.ApiKey + "\r\n folded: continuation\r\n",
            4 => "Host: second-host\r\n",
            _ => "X-\u00ff\u00fe: latin\r\n",
        } + "Connection: close\r\n\r\n");

    /// <summary>A body that can never register anyone: each carries at least one defect.</summary>
    private byte[] InvalidBody() => Encoding.UTF8.GetBytes(_random.Next(9) switch
    {
        0 => "{\"user_email\": \"" + Pick(BadEmails) + "\", \"user_pw\": \"pw\"}",
        1 => "{\"user_email\": \"ok@example.com\", \"user_pw\": \"line\\nbreak\"}",
        2 => "{\"user_email\": \"ok@example.com\", \"user_pw\": " + Pick(["1", "null", "true", "[]", "{}", "\"\""]) + "}",
        3 => "{\"user_email\": \"ok@example.com\", \"user_pw\": \"" + new string('p', _random.Next(129, 3000)) + "\"}",
        4 => "{\"user_email\": \"ok@example.com\"}",
        5 => "{\"user_email\": \"ok@example.com\", \"user_pw\": \"a\", \"user_pw\": \"b\"}",
        6 => "{\"user_email\": \"ok@example.com\", \"user_pw\": \"pw\"" + Pick(["", ",", "}}", "]"]),
        7 => RandomText(_random.Next(0, 5000)),
        _ => "{\"user_email\": \"ok@example.com\", \"user_pw\": \"p\u00e4ss\", \"" + Marker + "\": \"" + RandomText(20) + "\"}",
    });

    private byte[] DeepJson()
    {
        var depth = _random.Next(5, 50_000);
        return Encoding.UTF8.GetBytes(_random.Next(2) == 0
            ? new string('[', depth) + new string(']', depth)
            : string.Concat(Enumerable.Repeat("{\"user_email\":", Math.Min(depth, 2000))) + "1" + new string('}', Math.Min(depth, 2000)));
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private string RandomText(int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++) chars[i] = (char)_random.Next(0x20, 0x7f);
        return new string(chars);
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}

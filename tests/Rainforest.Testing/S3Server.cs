using System.IO.Compression;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Rainforest.Testing;

/// <summary>
/// A real S3-protocol server (npm s3rver, pinned in tools/s3rver) on a free loopback port with its own data
/// directory, and a bucket created through the AWS SDK. It can be stopped and started again on the same
/// port and directory to simulate an outage. Fails loudly if node or the package is missing.
/// </summary>
public sealed class S3Server : ServerProcess, IAsyncLifetime
{
    /// <summary>The credentials s3rver accepts (its built-in account).</summary>
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";
    public const string Region = "us-east-1";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "rainforest-s3rver-" + Guid.NewGuid().ToString("n"));

    public int Port { get; } = FreePort.Next();
    public string ServiceUrl => $"http://127.0.0.1:{Port}";
    public string Bucket { get; } = "rainforest-test";

    protected override string Name => $"s3rver on port {Port}";

    public static string ScriptPath => Path.Combine(RepositoryPaths.Root, "tools", "s3rver", "node_modules", "s3rver", "bin", "s3rver.js");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        await StartAsync();
        using var s3 = CreateClient();
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = Bucket });
    }

    public async Task StartAsync()
    {
        if (IsRunning) return;
        var node = FindNode();
        if (!File.Exists(ScriptPath))
        {
            throw new InvalidOperationException(
                $"The S3 server package is not installed ({ScriptPath} is missing). Run `npm ci --prefix tools/s3rver` from the repository root.");
        }

        await StartProcessAsync(
            () => ManagedProcess.Start(node, [ScriptPath, "--directory", _directory, "--address", "127.0.0.1", "--port", Port.ToString(), "--silent"]),
            () => Task.FromResult(OutputContains("S3rver listening")),
            TimeSpan.FromSeconds(30));
    }

    /// <summary>Kills the server, an outage; its objects stay in the data directory for the next start.</summary>
    public override Task StopAsync() => KillAsync();

    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    public AmazonS3Config ClientConfig() => new()
    {
        ServiceURL = ServiceUrl,
        ForcePathStyle = true,
        AuthenticationRegion = Region,
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        MaxErrorRetry = 0,
    };

    public IAmazonS3 CreateClient() => new AmazonS3Client(new BasicAWSCredentials(AccessKey, SecretKey), ClientConfig());

    public async Task CreateBucketAsync(string bucket)
    {
        using var s3 = CreateClient();
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
    }

    /// <summary>Every key under <paramref name="prefix"/>, in key order.</summary>
    public async Task<IReadOnlyList<string>> ListKeysAsync(string prefix, string? bucket = null)
    {
        using var s3 = CreateClient();
        var keys = new List<string>();
        // ListObjects (v1): s3rver 3.7.1 answers a truncated ListObjectsV2 with an internal error.
        var request = new ListObjectsRequest { BucketName = bucket ?? Bucket, Prefix = prefix };
        ListObjectsResponse response;
        do
        {
            response = await s3.ListObjectsAsync(request);
            keys.AddRange((response.S3Objects ?? []).Select(o => o.Key));
            request.Marker = response.NextMarker ?? keys.LastOrDefault();
        }
        while (response.IsTruncated == true);
        return keys.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The object's bytes and ETag, or null when it does not exist.</summary>
    public async Task<(byte[] Content, string ETag)?> GetAsync(string key, string? bucket = null)
    {
        using var s3 = CreateClient();
        try
        {
            using var response = await s3.GetObjectAsync(bucket ?? Bucket, key);
            using var buffer = new MemoryStream();
            await response.ResponseStream.CopyToAsync(buffer);
            return (buffer.ToArray(), response.ETag);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>The lines of a gzip object (each without its newline), or null when it does not exist.</summary>
    public async Task<IReadOnlyList<string>?> GetGzipLinesAsync(string key, string? bucket = null)
    {
        var found = await GetAsync(key, bucket);
        return found is null ? null : Gunzip(found.Value.Content);
    }

    public static IReadOnlyList<string> Gunzip(byte[] gzip)
    {
        using var unzip = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress);
        using var reader = new StreamReader(unzip);
        var text = reader.ReadToEnd();
        if (text.Length > 0 && !text.EndsWith('\n')) throw new InvalidDataException("The object does not end with a newline.");
        return text.Length == 0 ? [] : text[..^1].Split('\n');
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string FindNode()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Append("/usr/bin").Append("/usr/local/bin"))
        {
            var candidate = Path.Combine(folder, "node");
            if (File.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException(
            "node is not installed (needed for the S3 server the archive tests use). Install Node.js 18 or newer and run `npm ci --prefix tools/s3rver`.");
    }
}

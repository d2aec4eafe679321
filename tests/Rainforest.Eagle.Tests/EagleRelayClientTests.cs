using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;

namespace Rainforest.Eagle.Tests;

public sealed class EagleRelayClientTests(RelayServerFixture fixture) : IClassFixture<RelayServerFixture>
{
    private RelayServer Relay => fixture.Server;

    private async Task<RelayOutcome> PollAsync(string path, TimeSpan? requestTimeout = null, FakeLogCollector? logs = null, EagleCredentials? credentials = null)
    {
        await using var services = RelayClients.Services(RelayClients.Configuration(Relay.Url(path), requestTimeout), logs);
        var client = services.GetRequiredService<EagleRelayClient>();
        return await client.GetInstantaneousDemandAsync(credentials ?? RelayClients.Credentials);
    }

    // What a log sink writes for the entry: the message and, when there is one, the exception with its stack.
    private static string Written(FakeLogRecord entry) => entry.Message + " " + entry.Exception;

    [Fact]
    public async Task Sends_the_three_headers_and_the_command_body()
    {
        var outcome = await PollAsync("/reply/headers");

        Assert.Equal(RelayOutcomeKind.Reading, outcome.Kind);
        var received = Relay.Received("headers");
        Assert.NotNull(received);
        Assert.Equal("POST", received.Method);
        Assert.Equal("00abcd", received.CloudId);
        Assert.Equal("user@example.com", received.User);
        Assert.Equal("s3cret-Pa55word", received.Password);
        Assert.Equal("text/xml", received.ContentType);
        Assert.Equal("<Command>\n  <Name>get_instantaneous_demand</Name>\n</Command>", received.Body);
    }

    [Fact]
    public async Task Returns_the_reading_of_a_canonical_reply()
    {
        var outcome = await PollAsync("/reply/canonical");

        Assert.True(outcome.IsReading);
        Assert.Equal(RecordedReplies.CanonicalRecordLine, outcome.Reading.ToRecordLine());
        Assert.Null(outcome.HttpStatus);
    }

    [Fact]
    public async Task Reads_a_chunked_reply_labelled_text_html()
    {
        using (var raw = new HttpClient())
        using (var response = await raw.PostAsync(Relay.Url("/chunked"), new StringContent(RelayProtocol.GetInstantaneousDemandCommand)))
        {
            Assert.True(response.Headers.TransferEncodingChunked, "the loopback relay should send this reply chunked");
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        }

        var outcome = await PollAsync("/chunked");

        Assert.True(outcome.IsReading, outcome.Detail);
        Assert.Equal(RecordedReplies.CanonicalRecordLine, outcome.Reading.ToRecordLine());
    }

    [Fact]
    public async Task Reports_http_503_as_an_http_error_with_its_status()
    {
        var outcome = await PollAsync("/status/503");

        Assert.Equal(RelayOutcomeKind.HttpError, outcome.Kind);
        Assert.Equal(503, outcome.HttpStatus);
        Assert.Null(outcome.Reading);
        Assert.Contains("503", outcome.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public async Task Reports_http_401_and_403_as_credentials_rejected(int status)
    {
        var outcome = await PollAsync($"/status/{status}");

        Assert.Equal(RelayOutcomeKind.CredentialsRejected, outcome.Kind);
        Assert.Equal(status, outcome.HttpStatus);
    }

    [Fact]
    public async Task Reports_an_error_reply_about_credentials_as_credentials_rejected()
    {
        var outcome = await PollAsync($"/body/{nameof(RecordedReplies.CredentialsError)}");

        Assert.Equal(RelayOutcomeKind.CredentialsRejected, outcome.Kind);
        Assert.Null(outcome.HttpStatus);
    }

    [Fact]
    public async Task Reports_a_hanging_relay_as_a_timeout()
    {
        var outcome = await PollAsync("/hang/timeout", requestTimeout: TimeSpan.FromMilliseconds(300));

        Assert.Equal(RelayOutcomeKind.Timeout, outcome.Kind);
        Assert.Contains("300 ms", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Throws_only_when_the_caller_cancels()
    {
        await using var services = RelayClients.Services(RelayClients.Configuration(Relay.Url("/hang/caller"), TimeSpan.FromSeconds(30)));
        var client = services.GetRequiredService<EagleRelayClient>();
        using var caller = new CancellationTokenSource();

        var poll = client.GetInstantaneousDemandAsync(RelayClients.Credentials, caller.Token);
        await Relay.Arrival("caller");
        await caller.CancelAsync();

        var thrown = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => poll);
        Assert.Equal(caller.Token, thrown.CancellationToken);
    }

    [Fact]
    public async Task Throws_at_once_for_a_token_cancelled_before_the_call()
    {
        await using var services = RelayClients.Services(RelayClients.Configuration(Relay.Url("/reply/precancelled")));
        var client = services.GetRequiredService<EagleRelayClient>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => client.GetInstantaneousDemandAsync(RelayClients.Credentials, new CancellationToken(canceled: true)));
        Assert.Null(Relay.Received("precancelled"));
    }

    [Fact]
    public async Task Reports_a_closed_port_as_unreachable()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var services = RelayClients.Services(RelayClients.Configuration(new Uri($"http://127.0.0.1:{port}/cgi-bin/post_manager")));
        var client = services.GetRequiredService<EagleRelayClient>();

        var outcome = await client.GetInstantaneousDemandAsync(RelayClients.Credentials);

        Assert.Equal(RelayOutcomeKind.Unreachable, outcome.Kind);
        Assert.StartsWith("cannot connect to the relay", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_a_reply_larger_than_the_cap_as_malformed()
    {
        var outcome = await PollAsync("/large");

        Assert.Equal(RelayOutcomeKind.Malformed, outcome.Kind);
        Assert.Contains("65536-byte limit", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_a_reply_cut_off_mid_body_as_malformed()
    {
        var partial = RecordedReplies.Canonical[..100];
        await using var relay = new RawRelay(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000\r\nConnection: close\r\n\r\n" + partial);
        await using var services = RelayClients.Services(RelayClients.Configuration(relay.Url));

        var outcome = await services.GetRequiredService<EagleRelayClient>().GetInstantaneousDemandAsync(RelayClients.Credentials);

        Assert.True(outcome.Kind == RelayOutcomeKind.Malformed, outcome.Detail);
        Assert.StartsWith("reply cut off after 100 bytes", outcome.Detail, StringComparison.Ordinal);
        Assert.Contains("<InstantaneousDemand>", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Does_not_follow_a_redirect_that_would_resend_the_password()
    {
        var outcome = await PollAsync("/redirect");

        Assert.Equal(RelayOutcomeKind.HttpError, outcome.Kind);
        Assert.Equal(302, outcome.HttpStatus);
        Assert.Null(Relay.Received("redirected"));
    }

    [Fact]
    public async Task Keeps_the_password_out_of_details_and_logs_when_the_relay_echoes_it()
    {
        var logs = new FakeLogCollector();
        var credentials = RelayClients.Credentials with { Password = "echo\"me\\back" };

        var outcome = await PollAsync("/echo-error", logs: logs, credentials: credentials);

        Assert.Equal(RelayOutcomeKind.CredentialsRejected, outcome.Kind);
        Assert.Contains("***", outcome.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("echo\"me\\back", outcome.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("me\\\\back", outcome.Detail, StringComparison.Ordinal);
        Assert.NotEmpty(logs.GetSnapshot());
        Assert.All(logs.GetSnapshot(), entry => Assert.DoesNotContain("me\\", Written(entry), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Never_logs_the_password()
    {
        var logs = new FakeLogCollector();

        await PollAsync("/status/401", logs: logs);
        await PollAsync("/reply/logged", logs: logs);

        Assert.NotEmpty(logs.GetSnapshot());
        Assert.All(logs.GetSnapshot(), entry => Assert.DoesNotContain(RelayClients.Credentials.Password, Written(entry), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Refuses_credentials_with_line_breaks_without_calling_the_relay()
    {
        var outcome = await PollAsync("/reply/injected", credentials: RelayClients.Credentials with { Password = "pw\r\nX-Injected: 1" });

        Assert.Equal(RelayOutcomeKind.CredentialsRejected, outcome.Kind);
        Assert.Null(Relay.Received("injected"));
    }

    [Fact]
    public async Task Works_over_a_plain_http_client_too()
    {
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var options = Options.Create(new EagleRelayOptions { CloudUrl = Relay.Url("/reply/plain"), RequestTimeout = TimeSpan.FromSeconds(5) });
        var client = new EagleRelayClient(http, options, NullLogger<EagleRelayClient>.Instance);

        var outcome = await client.GetInstantaneousDemandAsync(RelayClients.Credentials);

        Assert.True(outcome.IsReading, outcome.Detail);
        Assert.Equal("s3cret-Pa55word", Relay.Received("plain")?.Password);
    }
}

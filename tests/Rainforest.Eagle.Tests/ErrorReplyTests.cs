namespace Rainforest.Eagle.Tests;

public sealed class ErrorReplyTests
{
    [Theory]
    [InlineData(RecordedReplies.CredentialsError)]
    [InlineData(RecordedReplies.AuthenticationErrorLowerCase)]
    [InlineData(RecordedReplies.JsonCredentialsError)]
    [InlineData("<ERROR>Bad credentials</ERROR>")]
    [InlineData("<Error><Code>7</Code><Message>Login required</Message></Error>")]
    [InlineData("<Error>Unauthorized</Error>")]
    public void Reports_an_error_about_credentials_as_credentials_rejected(string body)
    {
        var outcome = RelayReplyParser.ParseInstantaneousDemand(body);

        Assert.Equal(RelayOutcomeKind.CredentialsRejected, outcome.Kind);
        Assert.Null(outcome.Reading);
        Assert.Null(outcome.HttpStatus);
    }

    [Fact]
    public void Keeps_the_relay_text_of_a_credentials_error_on_one_line()
    {
        var outcome = RelayReplyParser.ParseInstantaneousDemand(RecordedReplies.CredentialsError);

        Assert.Equal("relay rejected the credentials: Invalid User or Password", outcome.Detail);
    }

    [Fact]
    public void Reports_any_other_error_as_a_relay_error_with_its_text()
    {
        var outcome = RelayReplyParser.ParseInstantaneousDemand(RecordedReplies.OtherError);

        Assert.Equal(RelayOutcomeKind.RelayError, outcome.Kind);
        Assert.Equal("relay error: Meter not connected", outcome.Detail);
    }

    [Fact]
    public void Reports_an_empty_error_as_a_relay_error()
    {
        var outcome = RelayReplyParser.ParseInstantaneousDemand(RecordedReplies.EmptyError);

        Assert.Equal(RelayOutcomeKind.RelayError, outcome.Kind);
        Assert.False(string.IsNullOrEmpty(outcome.Detail));
    }

    [Fact]
    public void Reports_a_json_error_that_is_not_about_credentials_as_a_relay_error()
    {
        var outcome = RelayReplyParser.ParseInstantaneousDemand("{\"Error\": \"Gateway offline\"}");

        Assert.Equal(RelayOutcomeKind.RelayError, outcome.Kind);
        Assert.Equal("relay error: Gateway offline", outcome.Detail);
    }
}

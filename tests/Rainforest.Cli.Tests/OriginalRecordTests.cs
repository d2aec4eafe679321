using Rainforest.Cli.Migration;

namespace Rainforest.Cli.Tests;

/// <summary>Reading the 2015 system's user records: what it wrote goes through, what is wrong is skipped with a reason.</summary>
public sealed class OriginalRecordTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    private const string Good = """
        {"cloud_id": "002506", "user_email": "home@example.com", "user_pw": "secret", "total_events_logged": 1234,
         "first_timestamp": 1443274732.39435, "last_timestamp": 1443374732.5, "active": true}
        """;

    [Fact]
    public void A_record_as_the_original_wrote_it_keeps_its_counters_and_its_leading_zeros()
    {
        var user = Parse("002506", Good);

        Assert.Equal("002506", user.CloudId);
        Assert.Equal("home@example.com", user.Email);
        Assert.Equal("secret", user.Password);
        Assert.Equal(new MigratedCounts(1234, 1443274732.39435, 1443374732.5), user.Counters);
        Assert.True(user.Active);
        Assert.DoesNotContain("secret", user.ToString());
    }

    [Fact]
    public void A_user_that_never_logged_has_no_counters_to_keep()
    {
        var user = Parse("00abcd", """{"cloud_id": "00abcd", "user_email": "a@example.com", "user_pw": "pw", "total_events_logged": 0, "first_timestamp": null, "last_timestamp": null, "active": true}""");
        Assert.Null(user.Counters);

        var bare = Parse("00abcd", """{"user_email": "a@example.com", "user_pw": "pw"}""");
        Assert.Null(bare.Counters);
    }

    [Fact]
    public void Upper_case_keys_are_canonicalised_and_the_key_is_kept_for_the_report()
    {
        var user = Parse("00ABCD", """{"cloud_id": "00abcd", "user_email": "a@example.com", "user_pw": "pw"}""");
        Assert.Equal("00abcd", user.CloudId);
        Assert.Equal("00ABCD", user.Key);
    }

    [Theory]
    [InlineData("""{"user_email": "a@example.com", "user_pw": "pw", "total_events_logged": 12.0, "first_timestamp": 1443274732, "last_timestamp": 1443274800}""", 12, 1443274732.0, 1443274800.0)]
    [InlineData("""{"user_email": "a@example.com", "user_pw": "pw", "total_events_logged": "12", "first_timestamp": "1443274732.25", "last_timestamp": "1443274800.5"}""", 12, 1443274732.25, 1443274800.5)]
    public void Numbers_written_as_floats_or_text_mean_the_same(string json, long total, double first, double last)
    {
        Assert.Equal(new MigratedCounts(total, first, last), Parse("002506", json).Counters);
    }

    [Theory]
    [InlineData("false", false)]
    [InlineData("0", false)]
    [InlineData("\"False\"", false)]
    [InlineData("true", true)]
    [InlineData("1", true)]
    [InlineData("\"True\"", true)]
    [InlineData("null", true)]
    public void The_active_flag_is_read_whatever_python_wrote(string active, bool expected)
    {
        var user = Parse("002506", $$"""{"user_email": "a@example.com", "user_pw": "pw", "active": {{active}}}""");
        Assert.Equal(expected, user.Active);
    }

    [Theory]
    [InlineData("2506", Good, "bad Cloud ID")]
    [InlineData("0025067", Good, "bad Cloud ID")]
    [InlineData("rainforest:config", Good, "bad Cloud ID")]
    [InlineData("002507", Good, "does not match the key")]
    [InlineData("002506", """{"cloud_id": 2506, "user_email": "a@example.com", "user_pw": "pw"}""", "bad Cloud ID")]
    [InlineData("002506", "{'cloud_id': '002506'}", "unparseable value")]
    [InlineData("002506", "{\"cloud_id\": \"002506\", ", "unparseable value")]
    [InlineData("002506", "[1, 2]", "unparseable value")]
    [InlineData("002506", "\"002506\"", "unparseable value")]
    [InlineData("002506", "", "unparseable value")]
    [InlineData("002506", """{"user_email": "a@example.com"}""", "missing password")]
    [InlineData("002506", """{"user_email": "a@example.com", "user_pw": null}""", "missing password")]
    [InlineData("002506", """{"user_email": "a@example.com", "user_pw": ""}""", "missing password")]
    [InlineData("002506", """{"user_email": "a@example.com", "user_pw": 1234}""", "user_pw is not text")]
    [InlineData("002506", """{"user_pw": "pw"}""", "missing e-mail")]
    [InlineData("002506", """{"user_email": "a@example.com", "user_pw": "pw", "total_events_logged": "many"}""", "total_events_logged is not a number")]
    [InlineData("002506", """{"user_email": "a@example.com", "user_pw": "pw", "total_events_logged": true}""", "total_events_logged is not a number")]
    [InlineData("002506", """{"user_email": "a@example.com", "user_pw": "pw", "total_events_logged": -3}""", "not a whole number of 0 or more")]
    [InlineData("002506", """{"user_email": "a@example.com", "user_pw": "pw", "total_events_logged": 2.5}""", "not a whole number of 0 or more")]
    [InlineData("002506", """{"user_email": "a@example.com", "user_pw": "pw", "total_events_logged": 5}""", "first_timestamp or last_timestamp is missing")]
    [InlineData("002506", """{"user_email": "a@example.com", "user_pw": "pw", "total_events_logged": 5, "first_timestamp": [1], "last_timestamp": 2}""", "first_timestamp is not a number")]
    [InlineData("002506", """{"user_email": "a@example.com", "user_pw": "pw", "total_events_logged": 5, "first_timestamp": 20, "last_timestamp": 10}""", "later than last_timestamp")]
    [InlineData("002506", """{"user_email": "a@example.com", "user_pw": "pw", "total_events_logged": 5, "first_timestamp": -1, "last_timestamp": 10}""", "negative")]
    [InlineData("002506", """{"user_email": "a@example.com", "user_pw": "pw", "total_events_logged": 5, "first_timestamp": 10, "last_timestamp": 1900000000}""", "in the future")]
    public void A_wrong_record_is_skipped_with_a_reason(string key, string value, string reason)
    {
        Assert.False(OriginalRecord.TryParse(key, value, Now, out var user, out var why));
        Assert.Null(user);
        Assert.Contains(reason, why);
    }

    [Fact]
    public void Two_keys_for_the_same_user_migrate_the_first_and_skip_the_second()
    {
        var plan = MigrationPlan.From(
        [
            new OriginalEntry("00ABCD", """{"user_email": "a@example.com", "user_pw": "pw"}""", null),
            new OriginalEntry("00abcd", """{"user_email": "b@example.com", "user_pw": "pw"}""", null),
            new OriginalEntry("list-key", null, "unparseable value: not a string"),
        ], Now);

        Assert.Equal(3, plan.Keys);
        Assert.Equal("a@example.com", Assert.Single(plan.Users).Email);
        Assert.Collection(plan.Skipped,
            s => Assert.Contains("same Cloud ID as key \"00ABCD\"", s.Reason),
            s => Assert.Equal("list-key", s.Key));
    }

    [Theory]
    [InlineData("redis://127.0.0.1:6390/3", "127.0.0.1", 6390, 3, null)]
    [InlineData("redis://old-host", "old-host", 6379, 0, null)]
    [InlineData("redis://:s3cret@old-host:6380/1", "old-host", 6380, 1, "s3cret")]
    public void A_redis_url_names_host_port_database_and_password(string text, string host, int port, int database, string? password)
    {
        Assert.True(OriginalRedisUrl.TryParse(text, out var url, out _));
        Assert.Equal((host, port, database, password), (url!.Host, url.Port, url.Database, url.Password));
        Assert.DoesNotContain("s3cret", url.ToString());
    }

    [Theory]
    [InlineData("127.0.0.1:6379")]
    [InlineData("http://127.0.0.1:6379")]
    [InlineData("redis://127.0.0.1:6379/x")]
    [InlineData("redis://127.0.0.1:6379/-1")]
    public void Anything_else_is_not_a_redis_url(string text) => Assert.False(OriginalRedisUrl.TryParse(text, out _, out _));

    private static OriginalUser Parse(string key, string value)
    {
        Assert.True(OriginalRecord.TryParse(key, value, Now, out var user, out var reason), reason);
        return user!;
    }
}

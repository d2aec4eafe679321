namespace Rainforest.Eagle.Tests;

public sealed class EagleCredentialsTests
{
    [Fact]
    public void Does_not_print_the_password()
    {
        var credentials = new EagleCredentials("00abcd", "user@example.com", "hunter2-secret");

        var text = credentials.ToString();

        Assert.DoesNotContain("hunter2-secret", text, StringComparison.Ordinal);
        Assert.Contains("00abcd", text, StringComparison.Ordinal);
        Assert.Contains("***", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", $"{credentials}", StringComparison.Ordinal);
    }

    [Fact]
    public void Does_not_print_the_password_inside_an_enclosing_record()
    {
        var holder = new { Credentials = new EagleCredentials("00abcd", "user@example.com", "hunter2-secret") };

        Assert.DoesNotContain("hunter2-secret", holder.ToString(), StringComparison.Ordinal);
    }
}

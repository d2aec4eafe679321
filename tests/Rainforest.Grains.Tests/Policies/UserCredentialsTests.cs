using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Rainforest.Contracts;
using Rainforest.Eagle;
using Rainforest.Grains.Secrets;
using Rainforest.Grains.Users;

namespace Rainforest.Grains.Tests.Policies;

public sealed class UserCredentialsTests
{
    private const string CloudId = "00d0c1";
    private static readonly UserRegistration Registration = new("user@example.org", "s3cret-pw");

    private readonly UserCredentials _credentials = new(CloudId, new GatewayPasswordProtector(new EphemeralDataProtectionProvider()));

    [Fact]
    public void The_password_is_stored_encrypted_and_a_past_rejection_is_cleared()
    {
        var record = new UserRecord { CredentialsRejected = true };

        _credentials.Store(record, Registration);

        Assert.True(record.Registered);
        Assert.Equal(Registration.Email, record.Email);
        Assert.DoesNotContain(Registration.Password, record.ProtectedPassword);
        Assert.False(record.CredentialsRejected);
        Assert.Equal(new EagleCredentials(CloudId, Registration.Email, Registration.Password), _credentials.Of(record));
    }

    [Fact]
    public void Only_the_same_email_and_password_count_as_already_stored()
    {
        var record = new UserRecord();
        Assert.False(_credentials.AreStored(record, Registration));

        _credentials.Store(record, Registration);

        Assert.True(_credentials.AreStored(record, Registration));
        Assert.False(_credentials.AreStored(record, Registration with { Password = "other" }));
        Assert.False(_credentials.AreStored(record, Registration with { Email = "other@example.org" }));
    }

    [Fact]
    public void A_password_encrypted_under_another_key_ring_cannot_be_used()
    {
        var record = new UserRecord();
        new UserCredentials(CloudId, new GatewayPasswordProtector(new EphemeralDataProtectionProvider())).Store(record, Registration);

        Assert.ThrowsAny<CryptographicException>(() => _credentials.Of(record));
    }
}

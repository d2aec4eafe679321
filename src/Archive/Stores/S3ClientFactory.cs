using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Rainforest.Archive.Configuration;

namespace Rainforest.Archive.Stores;

/// <summary>Builds the S3 client from the archive options; credentials come from the SDK's standard chain.</summary>
public static class S3ClientFactory
{
    /// <summary>The region an S3-compatible server is signed for when none is configured.</summary>
    public const string DefaultCompatibleRegion = "us-east-1";

    public static IAmazonS3 Create(ArchiveOptions options, AWSCredentials? credentials = null)
    {
        var config = new AmazonS3Config
        {
            // The SDK's default flexible checksums use aws-chunked bodies that S3-compatible servers may not
            // understand; we send Content-MD5 ourselves and check the ETag.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            Timeout = options.RequestTimeout,
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = 3,
        };

        if (!string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            config.ServiceURL = options.ServiceUrl;
            config.ForcePathStyle = true;
            config.AuthenticationRegion = string.IsNullOrWhiteSpace(options.Region) ? DefaultCompatibleRegion : options.Region;
        }
        else if (!string.IsNullOrWhiteSpace(options.Region))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }

        return credentials is null ? new AmazonS3Client(config) : new AmazonS3Client(credentials, config);
    }
}

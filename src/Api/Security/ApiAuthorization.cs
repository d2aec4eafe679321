namespace Rainforest.Api.Security;

public static class ApiAuthorization
{
    public const string PolicyName = "ApiKey";
}

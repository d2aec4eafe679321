namespace Rainforest.Api.Hosting;

/// <summary>The cluster every silo and gateway joins unless <c>Orleans:ClusterId</c>/<c>Orleans:ServiceId</c> say otherwise.</summary>
public static class ClusterNames
{
    public const string DefaultClusterId = "rainforest";
    public const string DefaultServiceId = "rainforest";
}

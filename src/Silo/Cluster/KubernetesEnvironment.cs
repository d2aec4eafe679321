using System.Net;

namespace Rainforest.Silo.Cluster;

/// <summary>Whether this silo runs in a Kubernetes pod (the downward API gives it POD_NAME and POD_IP).</summary>
public static class KubernetesEnvironment
{
    public static bool IsPod =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST"))
        && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("POD_NAME"));

    public static IPAddress? PodIp =>
        IsPod && IPAddress.TryParse(Environment.GetEnvironmentVariable("POD_IP"), out var address) ? address : null;
}

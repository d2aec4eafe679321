namespace Rainforest.Silo.Hosting;

/// <summary><c>--demo</c> on the command line (see <c>Demo/DemoMode</c>; a build with <c>-p:IncludeDemo=false</c> has no demo).</summary>
public static class DemoSwitch
{
    public static bool Requested(ref string[] args)
    {
        var requested = args.Contains("--demo");
        args = args.Where(a => a != "--demo").ToArray();
        return requested;
    }
}

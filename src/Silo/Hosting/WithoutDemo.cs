namespace Rainforest.Silo.Hosting;

/// <summary>Compiled instead of <c>Demo/</c> in a production build (<c>-p:IncludeDemo=false</c>), which carries no simulator.</summary>
public static class WithoutDemo
{
    public static Task AddDemoAsync(this WebApplicationBuilder builder) => throw new InvalidOperationException(
        "This silo was built without the demo (-p:IncludeDemo=false). Run the demo from source: dotnet run --project src/Silo -- --demo");
}

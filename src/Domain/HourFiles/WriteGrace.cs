namespace Rainforest.Domain.HourFiles;

/// <summary>
/// How long after its hour ends an hour file may still be appended to: a poll that started before the hour
/// ended writes its line when the reply arrives. Gateway timeouts must end inside it, and shipping waits it out.
/// </summary>
public static class WriteGrace
{
    public static readonly TimeSpan AfterHourEnds = TimeSpan.FromSeconds(30);
}

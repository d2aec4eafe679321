using System.Globalization;
using Spectre.Console;

namespace Rainforest.Cli.Output;

/// <summary><c>status</c> as text; anything the server does not report shows as "unknown".</summary>
public static class StatusView
{
    private const string Unknown = "unknown";

    public static void Write(IAnsiConsole console, bool terminal, StatusReport status)
    {
        var archive = status.Archive is { } json ? ArchiveSummary.From(json) : null;
        var users = status.Users;

        var grid = new Grid().AddColumn(new GridColumn { NoWrap = true }).AddColumn();
        Row(grid, "Server", status.Server);
        Row(grid, "Ready", status.Ready switch
        {
            true => "yes",
            false => $"no ({status.Readiness})",
            null => $"{Unknown} ({status.Readiness})",
        });
        Row(grid, "Silos", status.Silos switch
        {
            null => $"{Unknown} (the server does not answer GET /api/archive)",
            0 => "none has reported its archive shipping yet",
            var n => $"{n} reporting",
        });
        Row(grid, "Users", $"{users.Total}: {users.Polling} polling, {users.Failing} failing, "
            + $"{users.CredentialsRejected} credentials rejected, {users.Paused} paused");
        Row(grid, "Archive backlog", archive is null ? Unknown : Backlog(archive));
        if (archive is not null)
        {
            Row(grid, "Hours shipped", Number(archive.HoursShipped));
            Row(grid, "Archive failing", archive.Failing switch { true => "yes", false => "no", null => Unknown });
        }
        console.Write(grid);

        if (archive?.Silos is { Count: > 0 } silos)
        {
            console.WriteLine();
            var table = Screen.Table(terminal, "SILO", "HOST", "BACKLOG", "OLDEST", "HOURS SHIPPED", "LAST ERROR");
            foreach (var silo in silos.OrderBy(s => s.Silo, StringComparer.Ordinal))
            {
                table.AddRow(new Text(silo.Silo), new Text(silo.Host ?? "-"), new Text(Number(silo.BacklogFiles)),
                    new Text(silo.OldestBacklogAge ?? "-"), new Text(Number(silo.HoursShipped)), new Text(silo.LastError ?? "-"));
            }
            console.Write(table);
        }
    }

    private static string Backlog(ArchiveSummary archive) => archive.BacklogFiles is { } files
        ? $"{files} hour files" + (archive.OldestBacklogAge is { } age ? $", oldest {age}" : "")
        : Unknown;

    private static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? Unknown;

    private static void Row(Grid grid, string name, string value) => grid.AddRow(new Text(name), new Text(value));
}

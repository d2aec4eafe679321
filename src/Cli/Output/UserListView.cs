using System.Globalization;
using Spectre.Console;

namespace Rainforest.Cli.Output;

/// <summary><c>users list</c> as a table: id, state, events logged, last success, last error.</summary>
public static class UserListView
{
    public static void Write(IAnsiConsole console, bool terminal, UserListRecord list)
    {
        if (list.Users.Count == 0)
        {
            console.WriteLine("No users.");
            return;
        }

        var table = Screen.Table(terminal, "CLOUD ID", "STATE", "EVENTS LOGGED", "LAST SUCCESS", "LAST ERROR");
        table.Columns[2].RightAligned();
        foreach (var user in list.Users.OrderBy(u => u.CloudId, StringComparer.Ordinal))
        {
            table.AddRow(
                new Text(user.CloudId),
                new Text(user.State, terminal ? StateStyle(user.State) : Style.Plain),
                new Text(user.TotalEventsLogged.ToString(CultureInfo.InvariantCulture)),
                new Text(Times.Show(user.LastSuccessAt)),
                new Text(user.LastErrorKind is null ? Times.None : $"{user.LastErrorKind} at {Times.Show(user.LastErrorAt)}"));
        }
        console.Write(table);
        console.WriteLine($"{list.Users.Count} users");
    }

    public static Style StateStyle(string state) => state switch
    {
        "polling" => new Style(Color.Green),
        "failing" => new Style(Color.Yellow),
        "credentials_rejected" => new Style(Color.Red),
        _ => new Style(Color.Grey),
    };
}

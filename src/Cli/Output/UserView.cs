using System.Globalization;
using Spectre.Console;

namespace Rainforest.Cli.Output;

/// <summary><c>users show</c>: one user, field by field. The password and the install code are never part of it.</summary>
public static class UserView
{
    public static void Write(IAnsiConsole console, bool terminal, UserRecord user)
    {
        var status = user.Status;
        var lastError = status.LastErrorKind is null
            ? Times.None
            : $"{status.LastErrorKind} at {Times.Show(status.LastErrorAt)}{(status.LastError is null ? "" : ": " + status.LastError)}";

        var grid = new Grid().AddColumn(new GridColumn { NoWrap = true }).AddColumn();
        Row(grid, "Cloud ID", user.CloudId);
        Row(grid, "E-mail", user.UserEmail);
        Row(grid, "Source", user.GatewayUrl is { } gateway ? $"{user.Source ?? "local"} ({gateway})" : user.Source ?? "relay");
        grid.AddRow(new Text("State"), new Text(status.State, terminal ? UserListView.StateStyle(status.State) : Style.Plain));
        Row(grid, "Events logged", user.TotalEventsLogged.ToString(CultureInfo.InvariantCulture));
        Row(grid, "First reading", Times.ShowUnixSeconds(user.FirstTimestamp));
        Row(grid, "Last reading", Times.ShowUnixSeconds(user.LastTimestamp));
        Row(grid, "Last success", Times.Show(status.LastSuccessAt));
        Row(grid, "Failures in a row", status.ConsecutiveFailures.ToString(CultureInfo.InvariantCulture));
        Row(grid, "Last error", lastError);
        Row(grid, "Next poll", Times.Show(status.NextPollAt));
        console.Write(grid);
    }

    private static void Row(Grid grid, string name, string value) => grid.AddRow(new Text(name), new Text(value));
}

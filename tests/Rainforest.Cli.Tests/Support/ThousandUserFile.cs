using Rainforest.Simulator.Accounts;
namespace Rainforest.Cli.Tests.Support;

/// <summary>
/// A 1,000-line import file in the original format: simulator accounts (so every good user really polls),
/// extra fields on some lines, one blank line, and a few bad lines of every kind, known by line number.
/// </summary>
public sealed class ThousandUserFile
{
    public const int LineCount = 1000;
    public const int BlankLine = 600;

    /// <summary>Bad lines and a fragment of the reason each must be reported with.</summary>
    public static readonly IReadOnlyDictionary<int, string> BadLines = new Dictionary<int, string>
    {
        [17] = "not valid JSON",
        [230] = "not six hexadecimal digits",
        [404] = "user_pw is missing",
        [512] = "user_email must be an e-mail address", // only the server knows: its problem detail is reported
        [777] = "already on line 1",
        [901] = "cloud_id must be a string",
    };

    private ThousandUserFile(string path, IReadOnlyList<string> validIds)
    {
        Path = path;
        ValidIds = validIds;
    }

    public string Path { get; }

    /// <summary>The users the file registers (lower-case Cloud IDs).</summary>
    public IReadOnlyList<string> ValidIds { get; }

    /// <summary>The Cloud ID a good line N carries: "c" and five hex digits, all starting with "c".</summary>
    public static string IdOfLine(int line) => $"c{line - 1:x5}";

    public static ThousandUserFile Write(string directory)
    {
        var lines = new List<string>();
        var valid = new List<string>();
        for (var line = 1; line <= LineCount; line++)
        {
            var id = IdOfLine(line);
            lines.Add(line switch
            {
                BlankLine => "   ",
                17 => $$"""{"cloud_id": "{{id}}", "user_email": "{{SimulatedAccount.DefaultUser(id)}}", """,
                230 => """{"cloud_id": "12345", "user_email": "short@example.com", "user_pw": "x"}""",
                404 => $$"""{"cloud_id": "{{id}}", "user_email": "{{SimulatedAccount.DefaultUser(id)}}"}""",
                512 => $$"""{"cloud_id": "{{id}}", "user_email": "not-an-email", "user_pw": "{{SimulatedAccount.DefaultPassword(id)}}"}""",
                777 => $$"""{"cloud_id": "{{IdOfLine(1)}}", "user_email": "other@example.com", "user_pw": "other"}""",
                901 => """{"cloud_id": 901, "user_email": "number@example.com", "user_pw": "x"}""",
                _ => GoodLine(id, withExtras: line % 10 == 0, upperCase: line % 7 == 0),
            });
            if (line != BlankLine && !BadLines.ContainsKey(line)) valid.Add(id);
        }

        var path = System.IO.Path.Combine(directory, "users-1000.jl");
        File.WriteAllLines(path, lines);
        return new ThousandUserFile(path, valid);
    }

    // The original files carried counters and an "active" flag; they are ignored. Upper-case ids are the same users.
    private static string GoodLine(string id, bool withExtras, bool upperCase)
    {
        var user = new Dictionary<string, object?>
        {
            ["cloud_id"] = upperCase ? id.ToUpperInvariant() : id,
            ["user_email"] = SimulatedAccount.DefaultUser(id),
            ["user_pw"] = SimulatedAccount.DefaultPassword(id),
        };
        if (withExtras)
        {
            user["total_events_logged"] = 12;
            user["first_timestamp"] = 1443274732.39435;
            user["last_timestamp"] = null;
            user["active"] = true;
        }
        return JsonSerializer.Serialize(user);
    }
}

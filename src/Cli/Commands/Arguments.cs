using Rainforest.Domain.Users;

namespace Rainforest.Cli.Commands;

/// <summary>Arguments and options several commands share, checked while parsing so a typo is exit code 2 before any request.</summary>
public static class Arguments
{
    /// <summary>The server's rule, checked here too so an operator's typo fails before any request is sent.</summary>
    public static Argument<CloudId> CloudId() => new("ID")
    {
        Description = "The user's Cloud ID: six hexadecimal digits, e.g. 002506",
        CustomParser = result =>
        {
            var value = result.Tokens.Count == 1 ? result.Tokens[0].Value : null;
            if (Domain.Users.CloudId.TryParse(value, out var id)) return id;
            result.AddError($"'{value}' is not a Cloud ID: six hexadecimal digits, e.g. 002506.");
            return default;
        },
    };

    public static Option<int> Parallel(string what)
    {
        var option = new Option<int>("--parallel", "-p")
        {
            Description = $"How many {what} at a time",
            HelpName = "n",
            DefaultValueFactory = _ => 8,
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 64) result.AddError("--parallel must be 1 to 64.");
        });
        return option;
    }
}

namespace Rainforest.Cli.Commands;

/// <summary>Arguments and options several commands share, checked while parsing so a typo is exit code 2 before any request.</summary>
public static class Arguments
{
    public static Argument<string> CloudId()
    {
        var argument = new Argument<string>("ID") { Description = "The user's Cloud ID: six hexadecimal digits, e.g. 002506" };
        argument.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!CloudIds.IsValid(value)) result.AddError($"'{value}' is not a Cloud ID: six hexadecimal digits, e.g. 002506.");
        });
        return argument;
    }

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

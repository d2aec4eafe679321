using StackExchange.Redis;

namespace Rainforest.Cli.Commands;

/// <summary>
/// <c>migrate --from-redis URL</c>: registers every user of the 2015 system's Redis with its counters kept.
/// Every skipped record is listed with its reason; a re-run changes nothing; <c>--dry-run</c> changes nothing at all.
/// The old store is only read.
/// </summary>
public static class MigrateCommand
{
    public static Command Create(GlobalOptions globals, CliConsole console)
    {
        var from = new Option<OriginalRedisUrl>("--from-redis")
        {
            Description = "The 2015 system's Redis: redis://host:port[/db] (redis://:password@host:port/db with a password)",
            HelpName = "url",
            Required = true,
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : null;
                if (OriginalRedisUrl.TryParse(text, out var url, out var reason)) return url;
                result.AddError(reason!);
                return null;
            },
        };
        var dryRun = new Option<bool>("--dry-run")
        {
            Description = "Show what would be migrated and skipped; change nothing",
        };
        var parallel = Arguments.Parallel("users to send");

        var command = new Command("migrate",
            "Register every user of a 2015 deployment's Redis with its counters kept; safe to run again")
        {
            from, dryRun, parallel,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, globals, console,
            (context, token) => RunAsync(context, parse.GetValue(from)!, parse.GetValue(dryRun), parse.GetValue(parallel),
                TimeSpan.FromSeconds(parse.GetValue(globals.Timeout)), token), ct));
        return command;
    }

    private static async Task<int> RunAsync(CommandContext context, OriginalRedisUrl source, bool dryRun, int parallel,
        TimeSpan timeout, CancellationToken ct)
    {
        await using var redis = await ConnectAsync(source, timeout);
        var migrator = new UserMigrator(context.Client, parallel, dryRun);
        var terminal = context.Console.OutIsTerminal && !context.Json ? context.Screen : null;
        var report = await MigrationProgress.RunAsync(terminal, dryRun ? "Checking users" : "Registering users", async progress =>
        {
            progress.Reading(await OriginalRedis.CountAsync(redis, source));
            var entries = await OriginalRedis.ReadAsync(redis, source, progress.Read, ct);
            var plan = MigrationPlan.From(entries, TimeProvider.System.GetUtcNow());
            progress.Registering(plan.Users.Count);
            return await migrator.RunAsync(plan, progress.Registered, ct);
        });

        var shown = source.ToString();
        if (context.Json) await JsonOutput.WriteAsync(context.Out, MigrationSummary.From(shown, context.Client.Server, report));
        else await MigrationReportView.WriteAsync(context.Out, shown, context.Client.Server, report);

        if (report.StoppedBy is not null) await context.Console.Error.WriteLineAsync($"error: {report.StoppedBy.Message}");
        return report.ExitCode;
    }

    private static async Task<ConnectionMultiplexer> ConnectAsync(OriginalRedisUrl source, TimeSpan timeout)
    {
        try
        {
            return await ConnectionMultiplexer.ConnectAsync(source.ToOptions(timeout));
        }
        catch (RedisException ex)
        {
            throw new CommandException(ExitCodes.Unreachable,
                $"Cannot read the old Redis at {source}: {ex.Message.Split('\n')[0].TrimEnd('.')}. Is --from-redis right?");
        }
    }
}

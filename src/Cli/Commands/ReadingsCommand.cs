using Spectre.Console;

namespace Rainforest.Cli.Commands;

/// <summary>
/// <c>readings ID --from T [--to T]</c>: a user's logged readings as JSON lines or CSV, or with <c>--summary STEP</c>
/// the server's per-step summary, streamed from the answer to standard output or a file as it arrives.
/// </summary>
public static class ReadingsCommand
{
    public static Command Create(GlobalOptions globals, CliConsole console)
    {
        var id = Arguments.CloudId();
        var from = new Option<string>("--from")
        {
            Description = "Start of the range, inclusive: ISO 8601 (2026-03-10T17:00:00Z; no offset means UTC) or Unix seconds",
            HelpName = "time",
            Required = true,
        };
        var to = new Option<string?>("--to")
        {
            Description = "End of the range, exclusive, written like --from [default: now]; at most 31 days after --from",
            HelpName = "time",
        };
        var format = new Option<string>("--format")
        {
            Description = "jsonl: the lines exactly as logged; csv: a header row, UTC time and kW decoded, then every raw field",
            HelpName = "jsonl|csv",
            DefaultValueFactory = _ => "jsonl",
        };
        format.AcceptOnlyFromAmong("jsonl", "csv");
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Write to this file (in place only once the transfer is complete) instead of standard output",
            HelpName = "file",
        };
        var summary = new Option<string?>("--summary")
        {
            Description = "Instead of the readings, count, mean/min/max kW and kWh per step: PT5M, 00:05:00 or seconds, 1 minute to 1 day",
            HelpName = "step",
        };

        var command = new Command("readings", "A user's logged demand readings in a time range (archive and unshipped hours), or their summary per step")
        {
            id, from, to, format, output, summary,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, globals, console,
            (context, token) => RunAsync(context, new Request(parse.GetValue(id).Value, parse.GetValue(from)!, parse.GetValue(to),
                parse.GetValue(format)!, parse.GetValue(summary), parse.GetValue(output)), token), ct));
        return command;
    }

    private sealed record Request(string Id, string From, string? To, string Format, string? Step, string? Output)
    {
        public string Path
        {
            get
            {
                var range = $"from={Uri.EscapeDataString(From)}" + (To is null ? "" : $"&to={Uri.EscapeDataString(To)}");
                var user = $"api/users/{Uri.EscapeDataString(Id)}/readings";
                return Step is null ? $"{user}?{range}&format={Format}" : $"{user}/summary?{range}&step={Uri.EscapeDataString(Step)}";
            }
        }

        public string What => Step is null ? $"the readings of {Id}" : $"the summary of {Id}'s readings";
    }

    private static async Task<int> RunAsync(CommandContext context, Request request, CancellationToken ct)
    {
        using var response = await context.Client.GetStreamingAsync(request.Path, request.What, ct);
        await using var body = await response.Content.ReadAsStreamAsync(ct);

        // A summary is small and meant for a person at a terminal: a table there; JSON for anything else.
        if (request.Step is not null && request.Output is null && !context.Json && context.Console.OutIsTerminal)
        {
            var steps = await ReadStepsAsync(context, request, body, ct);
            SummaryView.Write(context.Screen, terminal: true, steps);
            return ExitCodes.Ok;
        }

        // Progress goes to standard error, and only when the data is not on the same screen.
        var progress = context.Console.ErrorIsTerminal && (request.Output is not null || !context.Console.OutIsTerminal)
            ? Screen.For(context.Console.Error, terminal: true)
            : null;

        if (request.Output is null)
        {
            await using var stdout = new TextWriterStream(context.Out);
            await CopyAsync(context, request, body, stdout, progress, ct);
            return ExitCodes.Ok;
        }

        var transferred = await CopyToFileAsync(context, request, body, progress, ct);
        var readings = request.Step is not null ? (long?)null : transferred.Lines - (request.Format == "csv" && transferred.Lines > 0 ? 1 : 0);
        if (context.Json)
        {
            await JsonOutput.WriteAsync(context.Out, new { file = request.Output, readings, bytes = transferred.Bytes });
        }
        else
        {
            var what = readings is { } n ? $"{n:N0} readings" : "the summary";
            await context.Out.WriteLineAsync($"Wrote {what} ({transferred.Bytes:N0} bytes) to {request.Output}");
        }
        return ExitCodes.Ok;
    }

    // Written beside the target and moved over it, so a broken transfer never leaves a complete-looking file.
    private static async Task<Transferred> CopyToFileAsync(CommandContext context, Request request, Stream body,
        IAnsiConsole? progress, CancellationToken ct)
    {
        var full = Path.GetFullPath(request.Output!);
        var temporary = full + ".partial";
        try
        {
            Transferred transferred;
            await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                transferred = await CopyAsync(context, request, body, file, progress, ct);
            }
            File.Move(temporary, full, overwrite: true);
            return transferred;
        }
        catch (Exception ex) when (ex is IOException and not HttpIOException or UnauthorizedAccessException)
        {
            throw new CommandException(ExitCodes.Usage, $"Cannot write {request.Output}: {ex.Message}");
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    private static async Task<Transferred> CopyAsync(CommandContext context, Request request, Stream body, Stream target,
        IAnsiConsole? progress, CancellationToken ct)
    {
        try
        {
            if (progress is null)
            {
                var counting = new CountingStream(target, null);
                await body.CopyToAsync(counting, ct);
                await counting.FlushAsync(ct);
                return counting.Transferred;
            }

            var label = request.Step is null ? $"Receiving the readings of {request.Id}" : "Receiving the summary";
            return await progress.Status().StartAsync(label, async status =>
            {
                var counting = new CountingStream(target, t => status.Status = $"{label}: {t.Lines:N0} lines, {t.Bytes:N0} bytes");
                await body.CopyToAsync(counting, ct);
                await counting.FlushAsync(ct);
                return counting.Transferred;
            });
        }
        catch (Exception ex) when (ex is HttpIOException or HttpRequestException)
        {
            // The server aborts a stream it cannot finish (the archive failed mid-range).
            throw new CommandException(ExitCodes.ServerError, context.Client.BrokenTransfer(request.What, ex));
        }
    }

    private static async Task<IReadOnlyList<SummaryStep>> ReadStepsAsync(CommandContext context, Request request, Stream body, CancellationToken ct)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<List<SummaryStep>>(body, ApiJson.Options, ct)
                ?? throw new JsonException("the answer is null");
        }
        catch (JsonException ex)
        {
            throw new CommandException(ExitCodes.ServerError,
                $"The server's answer to {request.What} is not what this tool understands ({ex.Message}). Is --server the Rainforest API?");
        }
        catch (Exception ex) when (ex is HttpIOException or HttpRequestException)
        {
            throw new CommandException(ExitCodes.ServerError, context.Client.BrokenTransfer(request.What, ex));
        }
    }
}

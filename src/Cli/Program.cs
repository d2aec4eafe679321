using Rainforest.Cli;

return await CliApp.RunAsync(args, CliConsole.FromProcess());

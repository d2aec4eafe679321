global using System.CommandLine;
global using System.Net;
global using System.Text.Json;
global using Rainforest.Cli.Api;
global using Rainforest.Cli.Commands;
global using Rainforest.Cli.Import;
global using Rainforest.Cli.Output;
global using Rainforest.Cli.Migration;

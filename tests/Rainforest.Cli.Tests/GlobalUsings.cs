global using System.Text.Json;
global using Rainforest.Cli;
global using Rainforest.Cli.Tests.Support;
global using Rainforest.Simulator;
global using Rainforest.Testing;

global using System.Net;
global using System.Text;
global using System.Text.Json;
global using Rainforest.Security.Tests.Support;
global using Rainforest.Simulator;
global using Rainforest.Testing;

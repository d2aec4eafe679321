global using Orleans;
global using Microsoft.AspNetCore.Hosting.Server;
global using Orleans.Dashboard;
global using Orleans.Hosting;
global using Rainforest.Contracts;
global using Rainforest.Api.Hosting;

global using Orleans;
global using Orleans.Hosting;
global using Rainforest.Api.Hosting;

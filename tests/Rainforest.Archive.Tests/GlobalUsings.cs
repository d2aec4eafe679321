global using Microsoft.Extensions.DependencyInjection;
global using Microsoft.Extensions.Time.Testing;
global using Orleans;
global using Rainforest.Archive.Shipping;
global using Rainforest.Domain.HourFiles;
global using Rainforest.Contracts;
global using Rainforest.Testing;

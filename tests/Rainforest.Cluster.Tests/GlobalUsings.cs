global using Rainforest.Cluster.Tests.Support;
global using Rainforest.Simulator;
global using Rainforest.Testing;
global using Xunit.Abstractions;

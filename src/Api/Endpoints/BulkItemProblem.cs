namespace Rainforest.Api.Endpoints;

/// <summary>Why one item of a bulk registration was not stored; <c>errors</c> names fields by their JSON names.</summary>
public sealed record BulkItemProblem(int Status, string Title, string Detail, IReadOnlyDictionary<string, string[]> Errors);

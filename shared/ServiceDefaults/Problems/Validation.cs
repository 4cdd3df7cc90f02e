using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.ServiceDefaults.Problems;

/// <summary>Collects field errors for one request; empty means valid.</summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public Validation Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
        return this;
    }

    /// <summary>Adds "is required" for a missing value and returns whether it was present.</summary>
    public bool Required<T>(T? value, string field)
    {
        var present = value switch
        {
            null => false,
            string text => !string.IsNullOrWhiteSpace(text),
            _ => true,
        };
        if (!present)
        {
            Add(field, $"'{field}' is required.");
        }

        return present;
    }

    public IDictionary<string, string[]> Errors => _errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray());

    public ValidationProblem ToProblem() => TypedResults.ValidationProblem(Errors, title: "The request is not valid.");
}

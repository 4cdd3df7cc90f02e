using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Security.Tests.Matrix;

namespace Platform.Security.Tests.Fuzz;

/// <summary>One request built to be wrong in one way.</summary>
/// <param name="MustBeRefused">
/// True when the request can only be refused (a 4xx); false where a well-formed answer is also right (a
/// read with an odd parameter, an import reporting its rows' errors): either way never a 5xx, nothing stored.
/// </param>
/// <param name="Authorization">The Authorization header to send in place of the caller's token, when the credentials are what is malformed.</param>
public sealed record Malformed(string What, string PathAndQuery, byte[]? Body, string? ContentType, bool MustBeRefused, string? Authorization = null);

/// <summary>
/// Malformed requests for one operation, from its OpenAPI description and its well-formed sample: each
/// field of the body given the wrong type, an impossible value, characters no field holds, or left out;
/// fields it does not have; JSON and CSV that do not parse; path and query parameters out of range, of the
/// wrong type, odd unicode, overflowing, huge.
/// </summary>
public static class MalformedRequests
{
    /// <summary>Values for a path or query parameter, already escaped for a URL where they must be.</summary>
    public static readonly IReadOnlyList<string> OddParameters =
    [
        "-1", "0", "-0", "4294968", "2147483648", "99999999999999999999999", "1e400", "NaN", "Infinity", "0x7fffffff", "1.5", "",
        "%20", "%00", "%0d%0aSet-Cookie:%20a=b", "..%2f..%2fetc%2fpasswd", "%2e%2e%2f%2e%2e", "%27%20OR%20%271%27=%271", "1;DROP%20TABLE%20x",
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%24%7Bjndi:ldap://x%7D", "%7B%7B7*7%7D%7D", "%25s%25s%25n", "%E2%80%AE", "%F0%9F%98%80",
        "%ff%fe", "%c0%af", "%ed%a0%80", "e%cc%81", new string('9', 4000), "E08000025%00", "e08000025", "E0800002", "E080000251",
        "00000000-0000-0000-0000-000000000000", "not-a-guid", "null", "undefined", "true", "%5B%5D", "%7B%7D", "%09", new string('a', 9000),
    ];

    /// <summary>Credentials no caller holds: where an operation takes no input, these are what a malformed request can get wrong.</summary>
    private static readonly string[] MalformedCredentials =
    [
        "Bearer", "Bearer ", "Bearer x", "Bearer a.b.c", "Bearer ...", "Bearer eyJhbGciOiJub25lIn0.eyJyb2xlIjoib3BlcmF0b3IifQ.",
        "Bearer eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoib3BlcmF0b3IifQ.c2lnbmF0dXJl", "Basic b3BlcmF0b3I6b3BlcmF0b3I=", "Token abc", "bearer " + new string('A', 6000),
        "Bearer " + new string('.', 100), "Bearer %00", "Bearer \u0000", "Negotiate YII=", "Bearer eyJ", "Bearer e30.e30.", "Bearer e30.e30.e30",
    ];

    /// <summary>Query parameters tried on every operation besides the ones it declares.</summary>
    private static readonly string[] UndeclaredParameters = ["page", "pageSize", "la", "localAuthority", "first", "sort"];

    /// <summary>Fields whose value is free text: only values no text field may hold are tried there.</summary>
    private static readonly HashSet<string> FreeText = new(StringComparer.OrdinalIgnoreCase)
    {
        "name", "title", "text", "reason", "reasons", "displayName", "password", "subject", "directionReference", "expertise",
        "registeredAddress", "charityNumber", "companyNumber", "reportUrl", "ofstedUrn", "subtype",
    };

    private static readonly string[] UnstorableTexts = ["a\u0000b", "\u0000", "bell\u0007", "\u001b[31mred", "next\u0085line", "\u007f"];

    private static readonly string[] MalformedJson =
    [
        "", "{", "}", "[", "]", "[]", "null", "true", "1", "\"text\"", "{\"a\"}", "{'a':1}", "{a:1}", "{\"a\":}", "{\"a\":1,}", "{,}",
        "{\"a\":1}}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\x41\"}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":01}", "{\"a\":.5}", "{\"a\":+1}",
        "{\"a\":1e}", "{\"a\":\"unterminated}", "{\"a\":\"tab\tinside\"}", "/* comment */{}", "{\"a\":1} // trailing", "\u0000",
        new string('[', 5000) + new string(']', 5000), string.Concat(Enumerable.Repeat("{\"a\":", 2000)) + "1" + new string('}', 2000),
    ];

    private static readonly string[] WrongContentTypes = ["text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream"];

    public static IReadOnlyList<Malformed> For(ApiOperation operation, MatrixWorld world, RequestSamples samples, string role)
    {
        var cases = new List<Malformed>();
        var path = world.Fill(operation.Path, operation.Path);
        var query = string.Join('&', MatrixWorld.AuthorityParameters(operation));
        var validTarget = world.TargetOf(operation);

        byte[]? brokenBody = null;
        string? brokenType = null;
        if (operation.HasBody)
        {
            var sample = samples.For(operation.Key, role) ?? throw new InvalidOperationException($"request-samples.json has no body for {operation.Key}.");
            if (operation.TakesCsv)
            {
                var csv = world.Fill(sample.GetProperty("csv").GetString()!, operation.Path);
                cases.AddRange(CsvCases(csv).Select(c => new Malformed(c.What, validTarget, c.Body, "text/csv", MustBeRefused: false)));
                brokenBody = [0xff, 0xfe, 0x00];
                brokenType = "text/csv";
            }
            else
            {
                var body = JsonNode.Parse(world.Fill(sample.GetRawText(), operation.Path))!;
                cases.AddRange(JsonCases(body, operation).Select(c => new Malformed(c.What, validTarget, c.Body, c.ContentType, MustBeRefused: true)));
                brokenBody = "{"u8.ToArray();
                brokenType = "application/json";
            }
        }

        // Parameters out of range: with a body that cannot be read where the operation takes one, so none can succeed.
        var refused = operation.HasBody;
        foreach (var parameter in operation.Parameters.Where(p => p.In == "path"))
        {
            foreach (var odd in OddParameters)
            {
                var target = world.Fill(operation.Path.Replace($"{{{parameter.Name}}}", odd, StringComparison.Ordinal), operation.Path);
                cases.Add(new Malformed($"path {parameter.Name}={Shorten(odd)}", query.Length > 0 ? $"{target}?{query}" : target, brokenBody, brokenType, refused));
            }
        }

        // A change that takes no input ignores odd parameters and would be made: its requests carry credentials no caller holds.
        var takesNoInput = operation.Method != "GET" && !operation.HasBody;
        var queryNames = operation.Parameters.Where(p => p.In == "query").Select(p => p.Name).Concat(UndeclaredParameters).Distinct(StringComparer.Ordinal);
        foreach (var name in queryNames)
        {
            foreach (var odd in OddParameters)
            {
                var others = MatrixWorld.AuthorityParameters(operation, except: name).Select(parameter => $"&{parameter}");
                var credentials = takesNoInput ? MalformedCredentials[cases.Count % MalformedCredentials.Length] : null;
                cases.Add(new Malformed($"query {name}={Shorten(odd)}{(credentials is null ? "" : $", credentials {Shorten(credentials)}")}",
                    $"{path}?{name}={odd}{string.Concat(others)}", brokenBody, brokenType, refused || takesNoInput, credentials));
            }
        }

        return cases;
    }

    private static IEnumerable<(string What, byte[] Body, string ContentType)> JsonCases(JsonNode sample, ApiOperation operation)
    {
        const string Json = "application/json";
        var schema = operation.BodySchema is { } declared ? operation.Document.Resolve(declared) : default;
        foreach (var (field, fieldSchema) in Fields(sample, schema, operation.Document, ""))
        {
            var name = field.Split('.', '[')[^1].TrimEnd(']');
            foreach (var (what, value) in WrongValues(name, fieldSchema))
            {
                yield return ($"{field} {what}", Replace(sample, field, value), Json);
            }
        }

        foreach (var (name, value) in sample.AsObject())
        {
            if (value is JsonArray { Count: > 0 } items)
            {
                var longer = sample.DeepClone().AsObject();
                longer[name] = new JsonArray(Enumerable.Range(0, 201).Select(_ => items[0]!.DeepClone()).ToArray());
                yield return ($"{name} longer than any list", Encoding.UTF8.GetBytes(longer.ToJsonString()), Json);
            }
        }

        yield return ("an empty object", "{}"u8.ToArray(), Json);
        var nulls = new JsonObject(sample.AsObject().Select(p => KeyValuePair.Create(p.Key, (JsonNode?)null)));
        yield return ("every field null", Encoding.UTF8.GetBytes(nulls.ToJsonString()), Json);

        foreach (var (extra, value) in new (string, JsonNode?)[] { ("unexpected", 1), ("__proto__", new JsonObject()), ("$type", "System.Object"), ("$id", "1"), ("$ref", "#"), ("id", Guid.NewGuid().ToString()), ("createdBy", "someone else"), ("constructor", new JsonObject { ["prototype"] = 1 }) })
        {
            var with = sample.DeepClone().AsObject();
            with[extra] = value;
            yield return ($"extra field {extra}", Encoding.UTF8.GetBytes(with.ToJsonString()), Json);
        }

        var first = sample.AsObject().First();
        var raw = sample.ToJsonString();
        yield return ($"{first.Key} given twice", Encoding.UTF8.GetBytes($"{{\"{first.Key}\":{first.Value?.ToJsonString() ?? "null"},{raw[1..]}"), Json);
        yield return ("cut in half", Encoding.UTF8.GetBytes(raw[..(raw.Length / 2)]), Json);
        yield return ("a trailing comma", Encoding.UTF8.GetBytes(raw[..^1] + ",}"), Json);
        yield return ("something after it", Encoding.UTF8.GetBytes(raw + "x"), Json);
        yield return ("as an array", Encoding.UTF8.GetBytes($"[{raw}]"), Json);
        yield return ("bytes that are not UTF-8", [.. Encoding.UTF8.GetBytes(raw[..^1] + ",\"x\":\""), 0xc3, 0x28, 0xff, .. "\"}"u8.ToArray()], Json);
        yield return ("UTF-16", Encoding.Unicode.GetBytes(raw), Json);
        yield return ("over the 1 MB body limit", Encoding.UTF8.GetBytes(raw[..^1] + ",\"padding\":\"" + new string('x', 1_100_000) + "\"}"), Json);
        foreach (var malformed in MalformedJson)
        {
            yield return ($"not JSON: {Shorten(malformed)}", Encoding.UTF8.GetBytes(malformed), Json);
        }

        foreach (var contentType in WrongContentTypes)
        {
            yield return ($"sent as {contentType}", Encoding.UTF8.GetBytes(raw), contentType);
        }
    }

    /// <summary>Each field of the sample (nested objects and the first item of lists followed) with its schema.</summary>
    private static IEnumerable<(string Path, JsonElement Schema)> Fields(JsonNode node, JsonElement schema, OpenApiDocument document, string prefix)
    {
        if (node is not JsonObject fields)
        {
            yield break;
        }

        var properties = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var declared) ? declared : default;
        foreach (var (name, value) in fields)
        {
            var fieldSchema = properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(name, out var found) ? document.Resolve(found) : default;
            var path = prefix.Length == 0 ? name : $"{prefix}.{name}";
            yield return (path, fieldSchema);
            if (value is JsonObject)
            {
                foreach (var inner in Fields(value, fieldSchema, document, path))
                {
                    yield return inner;
                }
            }
            else if (value is JsonArray { Count: > 0 } items && items[0] is JsonObject && fieldSchema.ValueKind == JsonValueKind.Object && fieldSchema.TryGetProperty("items", out var itemSchema))
            {
                foreach (var inner in Fields(items[0]!, document.Resolve(itemSchema), document, $"{path}[0]"))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>Values no reading of the field accepts, by its declared type.</summary>
    private static IEnumerable<(string What, JsonNode? Value)> WrongValues(string name, JsonElement schema)
    {
        var type = schema.ValueKind == JsonValueKind.Object ? OpenApiDocument.TypeOf(schema) : null;
        var format = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        var isEnum = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("enum", out _);
        yield return ("as an object", new JsonObject { ["nested"] = 1 });
        if (type != "array")
        {
            yield return ("as a list", new JsonArray(1, 2));
        }

        switch (type)
        {
            case "integer" or "number":
                yield return ("as text", JsonValue.Create("12"));
                yield return ("as true", JsonValue.Create(true));
                yield return ("overflowing", JsonNode.Parse("1e400"));
                yield return ("overflowing below", JsonNode.Parse("-1e400"));
                yield return ("past any integer", JsonNode.Parse("123456789012345678901234567890123456789"));
                if (type == "number")
                {
                    yield return ("beyond any column's digits", JsonNode.Parse("100000000000000000000"));
                }

                if (type == "integer")
                {
                    yield return ("with a fraction", JsonNode.Parse("1.5"));
                    yield return ("past 32 bits", JsonNode.Parse("2147483648"));
                }

                break;
            case "boolean":
                yield return ("as text", JsonValue.Create("true"));
                yield return ("as a number", JsonValue.Create(1));
                break;
            case "array":
                yield return ("as text", JsonValue.Create("one"));
                yield return ("as a number", JsonValue.Create(1));
                yield return ("of lists", new JsonArray(new JsonArray(), new JsonArray()));
                yield return ("of objects", new JsonArray(new JsonObject { ["x"] = 1 }));
                break;
            case "object":
                yield return ("as text", JsonValue.Create("object"));
                yield return ("as a number", JsonValue.Create(7));
                break;
            default:
                yield return ("as a number", JsonValue.Create(12345));
                yield return ("as true", JsonValue.Create(false));
                foreach (var text in UnstorableTexts)
                {
                    yield return ($"holding {Shorten(text)}", JsonValue.Create(text));
                }

                if (FreeText.Contains(name) && !isEnum && format is null)
                {
                    break;
                }

                foreach (var text in new[] { "", " ", "not-a-value", "2026-02-30", "26/01/2026", "' OR '1'='1", "<script>alert(1)</script>", "\u202eevil", "\U0001F600", "e\u0301", "../../etc/passwd", "00000000-0000-0000-0000-00000000000g", new string('x', 5000) })
                {
                    yield return ($"as {Shorten(text)}", JsonValue.Create(text));
                }

                break;
        }
    }

    private static byte[] Replace(JsonNode sample, string path, JsonNode? value)
    {
        var copy = sample.DeepClone();
        var parent = copy;
        var segments = path.Split('.');
        foreach (var segment in segments[..^1])
        {
            parent = Step(parent, segment);
        }

        var last = segments[^1];
        if (last.EndsWith(']'))
        {
            var name = last[..last.IndexOf('[', StringComparison.Ordinal)];
            parent[name]!.AsArray()[0] = value;
        }
        else
        {
            parent[last] = value;
        }

        return Encoding.UTF8.GetBytes(copy.ToJsonString());
    }

    private static JsonNode Step(JsonNode node, string segment) =>
        segment.EndsWith(']') ? node[segment[..segment.IndexOf('[', StringComparison.Ordinal)]]!.AsArray()[0]! : node[segment]!;

    /// <summary>CSV that no row of is well formed: structure broken, or every row naming no authority while a cell holds an odd value.</summary>
    private static IEnumerable<(string What, byte[] Body)> CsvCases(string sample)
    {
        var lines = sample.TrimEnd('\n').Split('\n');
        var header = lines[0];
        var row = lines.Length > 1 ? lines[1] : string.Join(',', header.Split(',').Select(_ => "x"));
        var cells = row.Split(',');
        byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

        yield return ("an empty body", []);
        yield return ("a row without a header", Text(row + "\n"));
        yield return ("a header of other names", Text(string.Join(',', header.Split(',').Select(h => h + "_x")) + "\n" + row + "\n"));
        yield return ("half a header", Text(string.Join(',', header.Split(',').Take(2)) + "\n" + row + "\n"));
        yield return ("bytes that are not UTF-8", [.. Text(header + "\n"), 0xc3, 0x28, 0xff, 0xfe, .. Text("," + row + "\n")]);
        yield return ("UTF-16", Encoding.Unicode.GetBytes(header + "\n" + Unknown(cells) + "\n"));
        yield return ("random bytes", [.. Enumerable.Range(0, 4096).Select(i => (byte)((i * 7919) % 251))]);
        yield return ("NUL bytes", Text(header + "\n" + Unknown(cells).Replace(",", ",\0", StringComparison.Ordinal) + "\n"));
        yield return ("a quote left open", Text(header + "\n\"" + Unknown(cells) + "\n" + row + "\n"));
        yield return ("ten thousand columns", Text(header + "\n" + Unknown(cells) + string.Concat(Enumerable.Repeat(",x", 10_000)) + "\n"));
        yield return ("too few cells", Text(header + "\n" + string.Join(',', cells.Take(2)) + "\n"));
        yield return ("a million-character cell", Text(header + "\n" + Unknown(cells) + "," + new string('x', 1_000_000) + "\n"));
        yield return ("over the 10 MB import limit", Text(header + "\n" + string.Concat(Enumerable.Repeat(Unknown(cells) + "\n", 11_000_000 / (row.Length + 1) + 1))));
        for (var i = 0; i < cells.Length; i++)
        {
            yield return ($"a stray quote in cell {i}", Text(header + "\n" + string.Join(',', cells.Select((c, j) => j == i ? c + "\"x" : c)) + "\n"));
            foreach (var odd in new[] { "", "-1", "1e400", "99999999999999999999", "NaN", "not-a-value", "2026-02-30", "\u0000", "\u202e", "\U0001F600", "=cmd|' /C calc'!A0", "' OR '1'='1", new string('9', 500) })
            {
                var broken = Unknown(cells).Split(',').Select((c, j) => j == i ? odd : c);
                yield return ($"cell {i} {Shorten(odd)}, the authority unknown", Text(header + "\n" + string.Join(',', broken) + "\n"));
            }
        }
    }

    /// <summary>The row naming no authority: its code (the first cell) and the authority's number and name wherever they appear, replaced.</summary>
    private static string Unknown(string[] cells) => string.Join(',', cells.Select((c, j) => j == 0 ? "X99999999" : IdentifiesAnAuthority(c) ? "X" : c));

    private static bool IdentifiesAnAuthority(string cell) =>
        cell is "330" or "Birmingham" || (cell.Length == 9 && cell[0] == 'E' && cell[1..].All(char.IsAsciiDigit));

    private static string Shorten(string text) => text.Length <= 24 ? JsonSerializer.Serialize(text) : JsonSerializer.Serialize(text[..24]) + $"... ({text.Length} chars)";
}

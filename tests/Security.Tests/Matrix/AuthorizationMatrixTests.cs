using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Platform.ServiceDefaults.Auth;
using Shouldly;
using Xunit.Abstractions;

namespace Platform.Security.Tests.Matrix;

/// <summary>
/// Every operation of the published OpenAPI documents, called by every role acting for its own authority or
/// provider and for another's, and by a caller with no token, through the gateway and directly at the
/// service: each answer is held to <c>Matrix/access-policy.csv</c>.
/// </summary>
[Collection(nameof(Secured))]
public sealed class AuthorizationMatrixTests(SecuredPlatform secured, ITestOutputHelper output)
{
    /// <summary>Roles whose tokens name no authority or provider: one caller stands for "own" and "other".</summary>
    private static readonly HashSet<string> Unscoped = [Roles.Dfe, Roles.Ofsted, Roles.Registrar, Roles.Operator];

    [Fact]
    public async Task Every_operation_answers_every_role_as_the_policy_table_says()
    {
        var policy = AccessPolicy.Load(Path.Combine(AppContext.BaseDirectory, "Matrix", "access-policy.csv"));
        var samples = RequestSamples.Load(Path.Combine(AppContext.BaseDirectory, "Matrix", "request-samples.json"));
        var operations = await PublishedOperations.ReadAsync(secured.Platform);
        var world = await secured.MatrixWorldAsync();

        var published = operations.Select(o => o.Key).ToHashSet();
        operations.Select(o => o.Key).Where(key => !policy.Has(key)).ShouldBeEmpty("operations published with no row in access-policy.csv");
        policy.Operations.Where(key => !published.Contains(key)).ShouldBeEmpty("rows of access-policy.csv no document publishes");

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var failures = new List<string>();
        var calls = 0;
        foreach (var operation in operations)
        {
            var cases = new List<MatrixCall>();
            foreach (var caller in policy.Callers)
            {
                var access = policy.For(operation.Key, caller);
                var scopes = caller == AccessPolicy.Anonymous || Unscoped.Contains(caller) ? new[] { true } : [true, false];
                foreach (var own in scopes)
                {
                    foreach (var where in Addresses(operation))
                    {
                        cases.Add(new MatrixCall(operation, caller, own, where.Name, where.Address, access));
                    }
                }
            }

            var answers = await Task.WhenAll(cases.Select(call => AnswerAsync(http, world, samples, call)));
            calls += answers.Length;
            failures.AddRange(answers.Where(answer => answer is not null)!);
        }

        var scoped = policy.Callers.Count(c => c != AccessPolicy.Anonymous && !Unscoped.Contains(c));
        output.WriteLine($"Matrix: {operations.Count} operations x {policy.Callers.Count} callers ({scoped} roles as own and other) " +
            $"x gateway and direct = {calls} calls, {failures.Count} answers against the table.");
        failures.ShouldBeEmpty(ServerErrorsLogged());
    }

    /// <summary>The platform's log lines about failures, for a message when a call got a 5xx.</summary>
    private string ServerErrorsLogged() =>
        string.Join('\n', secured.Platform.RecentLog(4000).Split('\n').Where(line => line.Contains("Exception", StringComparison.Ordinal) || line.Contains("fail:", StringComparison.Ordinal)).Take(40));

    private IEnumerable<(string Name, Uri Address)> Addresses(ApiOperation operation)
    {
        yield return ("gateway", secured.Platform.Gateway);
        if (operation.Service != "gateway")
        {
            yield return ("direct", PublishedOperations.DirectAddress(secured.Platform, operation));
        }
    }

    private static async Task<string?> AnswerAsync(HttpClient http, MatrixWorld world, RequestSamples samples, MatrixCall call)
    {
        using var request = new HttpRequestMessage(new HttpMethod(call.Operation.Method), new Uri(call.Address, world.TargetOf(call.Operation)))
        {
            Content = world.BodyFor(call.Operation, samples, call.Caller),
        };
        if (call.Caller != AccessPolicy.Anonymous)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await world.TokenAsync(call.Caller, call.Own));
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var status = (int)response.StatusCode;
        var body = await BodyAsync(response);
        var expected = call.Expected;
        var wrong = expected switch
        {
            _ when status >= 500 => "no server error",
            Expectation.Unauthenticated when status != 401 => "401",
            Expectation.Forbidden when status != 403 => "403",
            Expectation.Allowed when !IsPastAuthorization(status, call.Operation.Method) => "an answer past authorization (2xx, 400, 409, 412 or 422)",
            Expectation.OwnRecordsOnly when status is < 200 or > 299 => "2xx with the caller's own records",
            Expectation.NotFound when status != 404 => "404: another's record is not found",
            Expectation.OwnRecordsOnly when world.OwnMarkers.FirstOrDefault(body.Contains) is { } leaked => $"no record of another's (it held {leaked})",
            _ => null,
        };

        return wrong is null ? null
            : $"{call.Operation.Key} as {call.Caller} ({(call.Own ? "own" : "other")}) via {call.Where}: expected {wrong}, got {status} {Excerpt(body)}";
    }

    /// <summary>The answer's body; of a stream that stays open, what it sends in its first seconds.</summary>
    private static async Task<string> BodyAsync(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType != "text/event-stream")
        {
            return await response.Content.ReadAsStringAsync();
        }

        using var listening = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var received = new StringBuilder();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        try
        {
            while (await reader.ReadLineAsync(listening.Token) is { } line)
            {
                received.AppendLine(line);
            }
        }
        catch (OperationCanceledException)
        {
        }

        return received.ToString();
    }

    /// <summary>Past authorization: done, or refused for what was asked (a delete, also for what another call deleted first).</summary>
    private static bool IsPastAuthorization(int status, string method) => status is >= 200 and < 300 or 400 or 409 or 412 or 422 || (status == 404 && method == "DELETE");

    private static string Excerpt(string body) => body.Length <= 200 ? body : body[..200] + "...";

    private sealed record MatrixCall(ApiOperation Operation, string Caller, bool Own, string Where, Uri Address, Access Access)
    {
        public Expectation Expected => (Access, Caller, Own) switch
        {
            (Access.No, AccessPolicy.Anonymous, _) => Expectation.Unauthenticated,
            (Access.No, _, _) => Expectation.Forbidden,
            (Access.Yes, _, _) => Expectation.Allowed,
            (Access.Own, _, true) => Expectation.Allowed,
            (Access.Own, _, false) => Expectation.Forbidden,
            (Access.Mine, _, true) => Expectation.Allowed,
            (Access.Mine, _, false) => Expectation.OwnRecordsOnly,
            (Access.Owner, _, true) => Expectation.Allowed,
            (Access.Owner, _, false) => Expectation.NotFound,
            _ => throw new InvalidOperationException($"{Access} for {Caller}"),
        };
    }

    private enum Expectation
    {
        Unauthenticated,
        Forbidden,
        Allowed,
        OwnRecordsOnly,
        NotFound,
    }
}

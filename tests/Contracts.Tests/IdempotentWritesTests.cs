using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Messaging.Events;
using Platform.ServiceDefaults.Auth;

namespace Platform.Contracts.Tests;

/// <summary>
/// <c>Idempotency-Key</c> on POST: a retry replays the first answer with no second effect, another
/// request under the same key is refused, concurrent retries make one effect, keys are the caller's own.
/// </summary>
public sealed class IdempotentWritesTests(ContractsFactory factory) : IClassFixture<ContractsFactory>, IAsyncLifetime
{
    private const string Doncaster = "E08000017";

    public Task InitializeAsync() => factory.RegisterAuthoritiesAsync((Doncaster, "371", "Doncaster"));

    /// <summary>A provider of its own for each contract, so no two terms overlap (C1).</summary>
    private async Task<Guid> ProviderAsync()
    {
        var provider = Guid.NewGuid();
        await factory.PublishAsync(new ProviderEligibilityChanged
        {
            OccurredAt = DateTimeOffset.UtcNow, ProviderId = provider, Name = "Retry Family Services", Revision = 1, CharityNumber = "7766554",
            ApprovedScopes = ["child-protection"], Flags = [], Reason = "Registry decision.",
        });
        await Eventually.TrueAsync(() => factory.QueryAsync(db => db.Providers.AnyAsync(p => p.ProviderId == provider)));
        return provider;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private HttpClient Council => factory.ClientFor(Roles.Council, Doncaster);

    private static object Draft(string title, Guid provider) => new
    {
        localAuthority = Doncaster, providerId = provider, title, scopes = new[] { "child-protection" }, value = 1_000_000m,
        startDate = "2025-04-01", endDate = "2027-03-31", breakPoints = Array.Empty<string>(),
        kpis = new[] { new { measure = "caseload", target = 18m } }, reviewCadence = "quarterly",
    };

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    private async Task<string> ActiveContractAsync(string title)
    {
        var drafted = await Council.PostAsJsonAsync("/api/contracts", Draft(title, await ProviderAsync()));
        drafted.StatusCode.ShouldBe(HttpStatusCode.Created, await drafted.Content.ReadAsStringAsync());
        var contract = drafted.Headers.Location!.ToString();
        (await Council.PostAsync($"{contract}/award", null)).EnsureSuccessStatusCode();
        (await Council.PostAsync($"{contract}/activation", null)).EnsureSuccessStatusCode();
        return contract;
    }

    private Task<int> PaymentsOfAsync(string title) =>
        factory.QueryAsync(async db => (await db.Contracts.AsNoTracking().SingleAsync(c => c.Title == title)).Payments.Count);

    [Fact]
    public async Task A_retried_payment_replays_the_first_answer_and_pays_once()
    {
        var contract = await ActiveContractAsync("Paid once");
        var key = Guid.NewGuid().ToString();
        var payment = new { date = "2025-05-01", amount = 250_000 };

        var first = await PostAsync(Council, $"{contract}/payments", payment, key);
        var retry = await PostAsync(Council, $"{contract}/payments", payment, key);

        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        retry.StatusCode.ShouldBe(HttpStatusCode.OK);
        retry.Headers.GetValues("Idempotent-Replayed").Single().ShouldBe("true");
        (await retry.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        (await PaymentsOfAsync("Paid once")).ShouldBe(1);
    }

    [Fact]
    public async Task A_retried_creation_answers_the_same_location_and_creates_once()
    {
        var key = Guid.NewGuid().ToString();
        var draft = Draft("Drafted once", await ProviderAsync());

        var first = await PostAsync(Council, "/api/contracts", draft, key);
        var retry = await PostAsync(Council, "/api/contracts", draft, key);

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        retry.StatusCode.ShouldBe(HttpStatusCode.Created);
        retry.Headers.Location.ShouldBe(first.Headers.Location);
        (await factory.QueryAsync(db => db.Contracts.CountAsync(c => c.Title == "Drafted once"))).ShouldBe(1);
        var id = first.Headers.Location!.ToString().Split('/')[^1];
        (await factory.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.EventType == "ContractDrafted" && m.Payload.Contains(id)))).ShouldBe(1);
    }

    [Fact]
    public async Task The_same_key_for_another_request_is_a_422_and_changes_nothing()
    {
        var key = Guid.NewGuid().ToString();
        (await PostAsync(Council, "/api/contracts", Draft("First under the key", await ProviderAsync()), key)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var other = await PostAsync(Council, "/api/contracts", Draft("Second under the key", await ProviderAsync()), key);

        var problem = await ProblemDocument.ReadAsync(other);
        problem.Status.ShouldBe(422);
        problem.Title!.ShouldContain("another request");
        (await factory.QueryAsync(db => db.Contracts.CountAsync(c => c.Title == "Second under the key"))).ShouldBe(0);
    }

    [Fact]
    public async Task Twenty_concurrent_retries_of_one_payment_pay_once_and_each_is_answered_or_told_to_wait()
    {
        var contract = await ActiveContractAsync("Paid once under load");
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => PostAsync(Council, $"{contract}/payments", new { date = "2025-06-01", amount = 1_000 }, key)));

        answers.Select(answer => answer.StatusCode).ShouldAllBe(status => status == HttpStatusCode.OK || status == HttpStatusCode.Conflict);
        answers.Count(answer => answer.StatusCode == HttpStatusCode.OK).ShouldBeGreaterThanOrEqualTo(1);
        (await PaymentsOfAsync("Paid once under load")).ShouldBe(1);
        (await PostAsync(Council, $"{contract}/payments", new { date = "2025-06-01", amount = 1_000 }, key)).StatusCode.ShouldBe(HttpStatusCode.OK, "once the first is done, a retry replays it");
        (await PaymentsOfAsync("Paid once under load")).ShouldBe(1);
    }

    [Fact]
    public async Task A_key_belongs_to_its_caller()
    {
        var key = Guid.NewGuid().ToString();
        var colleague = factory.ClientAs("another-officer", Roles.Council, Doncaster);

        (await PostAsync(Council, "/api/contracts", Draft("Two officers, one key", await ProviderAsync()), key)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var theirs = await PostAsync(colleague, "/api/contracts", Draft("Two officers, one key", await ProviderAsync()), key);

        theirs.StatusCode.ShouldBe(HttpStatusCode.Created);
        theirs.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
        (await factory.QueryAsync(db => db.Contracts.CountAsync(c => c.Title == "Two officers, one key"))).ShouldBe(2);
    }

    [Fact]
    public async Task Every_POST_says_in_OpenAPI_that_it_takes_the_header()
    {
        var openApi = await Council.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var posts = openApi.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Where(operation => operation.Name == "post").Select(operation => operation.Value))
            .ToList();
        posts.ShouldNotBeEmpty();
        posts.ShouldAllBe(post => post.GetProperty("parameters").EnumerateArray().Any(p => p.GetProperty("name").GetString() == "Idempotency-Key" && p.GetProperty("in").GetString() == "header"));
    }
}

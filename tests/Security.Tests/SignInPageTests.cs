using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Platform.ServiceDefaults.Auth;

namespace Platform.Security.Tests;

/// <summary>The identity service's sign-in page follows only paths of its own site, whatever a crafted link asks.</summary>
[Collection(nameof(Secured))]
public sealed partial class SignInPageTests(SecuredPlatform secured)
{
    [Theory]
    [InlineData("javascript:alert(document.cookie)", "/")]
    [InlineData("//attacker.example/steal", "/")]
    [InlineData("/\\attacker.example", "/")]
    [InlineData("https://attacker.example/", "/")]
    [InlineData("/connect/authorize?client_id=dashboard", "/connect/authorize?client_id=dashboard")]
    public async Task After_sign_in_only_a_path_of_this_site_is_followed(string returnUrl, string followed)
    {
        var subject = $"sign-in-{Guid.NewGuid():N}";
        var password = "a password of the test's own";
        using var operatorClient = secured.Platform.ClientAs("sign-in-operator", Roles.Operator);
        (await operatorClient.PutAsync($"/api/identity/users/{subject}", JsonContent.Create(new { role = "dfe", password }))).EnsureSuccessStatusCode();

        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = secured.Identity };
        var page = await browser.GetAsync($"/account/sign-in?ReturnUrl={Uri.EscapeDataString(returnUrl)}");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldNotContain("<script", Case.Insensitive);
        var formToken = FormToken().Match(html).Groups[1].Value;

        var signedIn = await browser.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(formToken),
            ["username"] = subject,
            ["password"] = password,
            ["returnUrl"] = returnUrl,
        }));
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signedIn.Headers.Location!.OriginalString.ShouldBe(followed);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();
}

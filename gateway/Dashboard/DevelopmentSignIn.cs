using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults.Auth;

namespace Platform.Gateway.Dashboard;

/// <summary>
/// In Development only: the sign-in page can ask for a token for a role (as <c>./platform token</c>
/// gives one), signed with the development key, so a person can look at the dashboard at once.
/// </summary>
public static class DevelopmentSignIn
{
    public static void MapDevelopmentSignIn(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            return;
        }

        app.MapPost("/dev/tokens", (DevelopmentTokenRequest request, IConfiguration configuration) =>
        {
            if (request.Role is null || !Roles.All.Contains(request.Role))
            {
                return (Results<Ok<DevelopmentToken>, ValidationProblem>)TypedResults.ValidationProblem(
                    new Dictionary<string, string[]> { ["role"] = [$"Expected one of: {string.Join(", ", Roles.All)}."] });
            }

            var settings = configuration.GetSection(JwtSettings.Section).Get<JwtSettings>() ?? new JwtSettings();
            return TypedResults.Ok(new DevelopmentToken(DevelopmentTokens.Create(settings, request.Role, request.LocalAuthorities ?? [], subject: $"dev-{request.Role}")));
        }).AllowAnonymous().ExcludeFromDescription();
    }
}

public sealed record DevelopmentTokenRequest(string? Role, IReadOnlyList<string>? LocalAuthorities);

public sealed record DevelopmentToken(string Token);

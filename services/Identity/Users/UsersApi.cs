using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Identity.Data;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Problems;

namespace Platform.Identity.Users;

/// <summary>The people who may sign in, kept by an operator: their role, authorities, provider and password.</summary>
public static class UsersApi
{
    public static void MapUsersApi(this WebApplication app)
    {
        var users = app.MapGroup("/api/identity/users").RequireAuthorization(Roles.Operator).WithTags("Users");
        users.MapPut("/{subject}", PutAsync);
        users.MapGet("/{subject}", GetAsync);
        users.MapDelete("/{subject}", DeleteAsync);
    }

    private static async Task<Results<Ok<UserView>, Created<UserView>, ValidationProblem>> PutAsync(
        string subject, UserRequest request, IdentityDbContext db, Passwords passwords, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Subject == subject, cancellationToken);
        var validation = new Validation();
        if (!UserGrants.IsSubject(subject))
        {
            validation.Add("subject", "'subject' is 1 to 100 letters, digits or . _ @ -, starting with a letter or digit.");
        }

        UserGrants.Check(validation, request.Role, request.LocalAuthorities, request.ProviderId);
        if (request.Password is { } password && password.Length is < Passwords.MinimumLength or > Passwords.MaximumLength)
        {
            validation.Add("password", $"'password' is {Passwords.MinimumLength} to {Passwords.MaximumLength} characters.");
        }
        else if (user is null && string.IsNullOrEmpty(request.Password))
        {
            validation.Add("password", "'password' is required for a new user.");
        }

        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var created = user is null;
        user ??= db.Users.Add(new PlatformUser { Subject = subject, Role = request.Role! }).Entity;
        user.Role = request.Role!;
        user.LocalAuthorities = [.. (request.LocalAuthorities ?? []).Distinct(StringComparer.Ordinal)];
        user.ProviderId = request.ProviderId;
        if (request.Password is { Length: > 0 } newPassword)
        {
            passwords.Set(user, newPassword);
        }

        await db.SaveChangesAsync(cancellationToken);
        var view = UserView.Of(user);
        return created ? TypedResults.Created($"/api/identity/users/{subject}", view) : TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<UserView>, ProblemHttpResult>> GetAsync(string subject, IdentityDbContext db, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Subject == subject, cancellationToken) is { } user
            ? TypedResults.Ok(UserView.Of(user))
            : NotFoundProblem.For($"No user '{subject}'.");

    /// <summary>The person can no longer sign in or refresh a token; access tokens already issued run out within their lifetime.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string subject, IdentityDbContext db, CancellationToken cancellationToken) =>
        await db.Users.Where(u => u.Subject == subject).ExecuteDeleteAsync(cancellationToken) > 0
            ? TypedResults.NoContent()
            : NotFoundProblem.For($"No user '{subject}'.");
}

public sealed record UserRequest(string? Role, IReadOnlyList<string>? LocalAuthorities, Guid? ProviderId, string? Password);

public sealed record UserView(string Subject, string Role, IReadOnlyList<string> LocalAuthorities, Guid? ProviderId)
{
    public static UserView Of(PlatformUser user) => new(user.Subject, user.Role, user.LocalAuthorities, user.ProviderId);
}

using Microsoft.EntityFrameworkCore;

namespace Platform.Messaging.LocalAuthorities;

public static class LocalAuthorityDirectory
{
    /// <summary>Adds the directory table to a service's model.</summary>
    public static ModelBuilder AddLocalAuthorityDirectory(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<KnownLocalAuthority>(authority =>
        {
            authority.HasKey(known => known.Gss);
            authority.Property(known => known.Gss).HasMaxLength(9);
            authority.Property(known => known.LaNumber).HasMaxLength(3);
            authority.Ignore(known => known.IsCurrent);
        });
        return modelBuilder;
    }

    /// <summary>The authorities that exist today: every list of authorities starts here, not with those a reorganisation ended.</summary>
    public static IQueryable<KnownLocalAuthority> CurrentLocalAuthorities(this MessagingDbContext db) =>
        db.Set<KnownLocalAuthority>().AsNoTracking().Where(known => known.EndedOn == null);

    public static Task<bool> IsKnownAuthorityAsync(this MessagingDbContext db, string gss, CancellationToken cancellationToken) =>
        db.Set<KnownLocalAuthority>().AnyAsync(known => known.Gss == gss, cancellationToken);

    /// <summary>
    /// Why <paramref name="gss"/> cannot be used as a <c>localAuthority</c>: not a GSS code of an
    /// authority with children's services, or not (yet) registered; null when it can.
    /// </summary>
    public static async Task<string?> ExplainUnusableAuthorityAsync(this MessagingDbContext db, string gss, CancellationToken cancellationToken)
    {
        if (!GssCode.IsValid(gss))
        {
            return $"'{gss}' is not the GSS code of an English authority with children's services (E06, E08, E09 or E10 and six digits).";
        }

        return await db.IsKnownAuthorityAsync(gss, cancellationToken)
            ? null
            : $"'{gss}' is not a registered local authority.";
    }
}

using Microsoft.EntityFrameworkCore;
using Platform.Workforce.Data;

namespace Platform.Workforce.Api;

/// <summary>
/// Each current authority's latest census, chosen in the database, the choice
/// <see cref="Domain.AuthorityReturns"/> makes in memory for one authority's trend: the latest census
/// year among its own returns and the joint returns that cover it (W7), its own preferred that year, and
/// of a return only its latest version. An authority's own latest return is one probe of the
/// (authority, year, version) index; finding the authorities that filed reads that column once, and
/// joint returns, which are few, are read in full.
/// (The columns are named as the context's snake_case convention maps the record's properties.)
/// </summary>
public sealed record LatestCensus(string Authority, Guid ReturnId)
{
    public static IQueryable<LatestCensus> Of(WorkforceDbContext db) =>
        db.Database.SqlQuery<LatestCensus>($"""
            SELECT DISTINCT ON (candidate.authority) candidate.authority, candidate.return_id
            FROM (
                SELECT filer.local_authority AS authority, own.id AS return_id, own.census_year, true AS own
                FROM (SELECT DISTINCT local_authority FROM workforce_returns) AS filer
                CROSS JOIN LATERAL (
                    SELECT id, census_year FROM workforce_returns AS r
                    WHERE r.local_authority = filer.local_authority
                    ORDER BY census_year DESC, version DESC
                    LIMIT 1) AS own
                UNION ALL
                SELECT covered.authority, joint.id, joint.census_year, false
                FROM workforce_returns AS joint
                CROSS JOIN LATERAL unnest(joint.joint_with) AS covered(authority)
                WHERE cardinality(joint.joint_with) > 0
                  AND joint.version = (
                      SELECT max(version) FROM workforce_returns AS v
                      WHERE v.local_authority = joint.local_authority AND v.census_year = joint.census_year)
            ) AS candidate
            WHERE NOT EXISTS (
                SELECT 1 FROM known_local_authority AS known WHERE known.gss = candidate.authority AND known.ended_on IS NOT NULL)
            ORDER BY candidate.authority, candidate.census_year DESC, candidate.own DESC
            """);
}

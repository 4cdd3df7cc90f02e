namespace Platform.Contracts.Domain;

/// <summary>
/// C1: a contract between a commissioning council and a provider, for scopes, a value, a term,
/// break points, KPIs with targets and a review cadence; its lifecycle (draft → awarded → active →
/// (varied)* → expired or terminated) with guarded transitions, its reviews (C3), variations (C4)
/// and payments. Every change bumps <see cref="Revision"/>, which numbers its OCDS releases (C5).
/// </summary>
public sealed class Contract
{
    public Guid Id { get; private set; }

    public string LocalAuthority { get; private set; } = "";

    public Guid ProviderId { get; private set; }

    public string Title { get; private set; } = "";

    public List<ServiceScope> Scopes { get; private set; } = [];

    public decimal Value { get; private set; }

    public DateOnly StartDate { get; private set; }

    public DateOnly EndDate { get; private set; }

    public List<DateOnly> BreakPoints { get; private set; } = [];

    public List<Kpi> Kpis { get; private set; } = [];

    public ReviewCadence? ReviewCadence { get; private set; }

    public ContractStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public DateTimeOffset? AwardedAt { get; private set; }

    public string? AwardedBy { get; private set; }

    public DateTimeOffset? ActivatedAt { get; private set; }

    /// <summary>The last day of the contract when it expired or was terminated.</summary>
    public DateOnly? EndedOn { get; private set; }

    public string? EndReason { get; private set; }

    public List<Variation> Variations { get; private set; } = [];

    public List<Review> Reviews { get; private set; } = [];

    public List<RemedialNotice> RemedialNotices { get; private set; } = [];

    public List<Payment> Payments { get; private set; } = [];

    public int Revision { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    private Contract()
    {
    }

    public static Contract Draft(string localAuthority, Guid providerId, ContractTerms terms, string createdBy, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            LocalAuthority = localAuthority,
            ProviderId = providerId,
            Title = terms.Title,
            Scopes = [.. terms.Scopes.Distinct().Order()],
            Value = terms.Value,
            StartDate = terms.StartDate,
            EndDate = terms.EndDate,
            BreakPoints = [.. terms.BreakPoints.Distinct().Order()],
            Kpis = [.. terms.Kpis],
            ReviewCadence = terms.ReviewCadence,
            Status = ContractStatus.Draft,
            CreatedAt = now,
            CreatedBy = createdBy,
            Revision = 1,
            UpdatedAt = now,
        };

    public ContractTerms Terms => new(Title, Scopes, Value, StartDate, EndDate, BreakPoints, Kpis, ReviewCadence);

    /// <summary>Another contract of the same council and provider covering a scope of this one for part of the same term (C1).</summary>
    public bool Overlaps(Contract other) =>
        other.Id != Id && other.LocalAuthority == LocalAuthority && other.ProviderId == ProviderId
        && other.Scopes.Intersect(Scopes).Any() && other.StartDate <= EndDate && StartDate <= other.EndDate;

    /// <summary>C2 has been checked by the caller; the lifecycle allows an award only of a draft with KPIs and a cadence (C1).</summary>
    public void Award(string by, DateTimeOffset now)
    {
        Require(Status == ContractStatus.Draft, "award");
        if (Kpis.Count == 0 || ReviewCadence is null)
        {
            throw new ContractRuleException("C1", "A contract is awarded with KPIs and a review cadence (C1); this draft lacks them.");
        }

        Status = ContractStatus.Awarded;
        AwardedAt = now;
        AwardedBy = by;
        Touch(now);
    }

    public void Activate(DateOnly today, DateTimeOffset now)
    {
        Require(Status == ContractStatus.Awarded, "activate");
        if (today < StartDate)
        {
            throw new ContractRuleException("C1", $"The contract starts on {StartDate:yyyy-MM-dd}; it cannot be active before then.");
        }

        Status = ContractStatus.Active;
        ActivatedAt = now;
        Touch(now);
    }

    /// <summary>C4: applies the changes and keeps them with who, when and why.</summary>
    public Variation Vary(ContractTerms terms, string reason, string by, DateTimeOffset now)
    {
        Require(Status.IsInForce(), "vary");
        var changes = Variation.Compare(Terms, terms);
        if (changes.Count == 0)
        {
            throw new ContractRuleException("C4", "The variation changes nothing.");
        }

        Title = terms.Title;
        Scopes = [.. terms.Scopes.Distinct().Order()];
        Value = terms.Value;
        EndDate = terms.EndDate;
        BreakPoints = [.. terms.BreakPoints.Distinct().Order()];
        Kpis = [.. terms.Kpis];
        ReviewCadence = terms.ReviewCadence;
        var variation = new Variation { Sequence = Variations.Count + 1, At = now, By = by, Reason = reason, Changes = [.. changes] };
        Variations.Add(variation);
        Status = ContractStatus.Varied;
        Touch(now);
        return variation;
    }

    public void Terminate(DateOnly lastDay, string reason, DateTimeOffset now)
    {
        Require(Status.HoldsTerm(), "terminate");
        if (lastDay < StartDate.AddDays(-1) || lastDay > EndDate)
        {
            throw new ContractRuleException("C1", $"A contract is terminated within its term ({StartDate:yyyy-MM-dd} to {EndDate:yyyy-MM-dd}).");
        }

        Status = ContractStatus.Terminated;
        EndedOn = lastDay;
        EndReason = reason;
        Touch(now);
    }

    /// <summary>A contract whose term has run out ends as expired; returns whether it did.</summary>
    public bool ExpireIfEnded(DateOnly today, DateTimeOffset now)
    {
        if (!Status.HoldsTerm() || today <= EndDate)
        {
            return false;
        }

        Status = ContractStatus.Expired;
        EndedOn = EndDate;
        EndReason = "The term ended.";
        Touch(now);
        return true;
    }

    /// <summary>The review period the next review covers.</summary>
    public (int Sequence, DateOnly Start, DateOnly End) NextReviewPeriod()
    {
        var sequence = Reviews.Count + 1;
        var (start, end) = (ReviewCadence ?? Domain.ReviewCadence.Quarterly).Period(StartDate, sequence);
        return (sequence, start, end);
    }

    /// <summary>
    /// C3: rates each KPI for the next period that has ended; a KPI red in this review and the one
    /// before is a breach, and a breach issues a remedial notice due <paramref name="noticeDays"/> days on.
    /// </summary>
    public (Review Review, RemedialNotice? Notice) RecordReview(
        IReadOnlyList<KpiRating> ratings, DateOnly today, int noticeDays, string by, DateTimeOffset now)
    {
        Require(Status.IsInForce(), "review");
        var (sequence, start, end) = NextReviewPeriod();
        if (start > EndDate)
        {
            throw new ContractRuleException("C3", $"Every review period of the term has been reviewed; the term ends on {EndDate:yyyy-MM-dd}.");
        }

        if (end >= today)
        {
            throw new ContractRuleException("C3", $"Review period {sequence} runs to {end:yyyy-MM-dd}; it is reviewed once it has ended.");
        }

        var previous = Reviews.LastOrDefault();
        var breached = ratings
            .Where(rating => rating.Rating == Rating.Red
                && previous?.Ratings.Any(earlier => earlier.Measure == rating.Measure && earlier.Rating == Rating.Red) == true)
            .Select(rating => rating.Measure)
            .ToList();
        var review = new Review
        {
            Sequence = sequence,
            PeriodStart = start,
            PeriodEnd = end,
            At = now,
            By = by,
            Ratings = [.. ratings],
            Breached = breached,
        };
        Reviews.Add(review);

        RemedialNotice? notice = null;
        if (breached.Count > 0)
        {
            notice = new RemedialNotice
            {
                Id = Guid.CreateVersion7(now),
                ReviewSequence = sequence,
                Measures = breached,
                IssuedOn = today,
                DueOn = today.AddDays(noticeDays),
                Detail = $"Red in reviews {sequence - 1} and {sequence} for {string.Join(", ", breached.Select(m => m.ToString()))}: a breach (C3). Remedy by {today.AddDays(noticeDays):yyyy-MM-dd}.",
            };
            RemedialNotices.Add(notice);
        }

        Touch(now);
        return (review, notice);
    }

    public Payment RecordPayment(DateOnly date, decimal amount, string by, DateTimeOffset now)
    {
        if (!Status.IsPublished())
        {
            throw new ContractRuleException("C1", "A draft is not paid; award it first.");
        }

        var payment = new Payment { Id = Guid.CreateVersion7(now), Date = date, Amount = amount, RecordedBy = by, RecordedAt = now };
        Payments.Add(payment);
        Touch(now);
        return payment;
    }

    private void Require(bool allowed, string action)
    {
        if (!allowed)
        {
            throw new ContractRuleException("C1", $"A contract that is {Status.ToString().ToLowerInvariant()} cannot {action} (draft → awarded → active → varied → expired or terminated).");
        }
    }

    private void Touch(DateTimeOffset now)
    {
        Revision++;
        UpdatedAt = now;
    }
}

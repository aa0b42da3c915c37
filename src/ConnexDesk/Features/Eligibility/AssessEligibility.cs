using ConnexDesk.Domain;
using ConnexDesk.Domain.Eligibility;

namespace ConnexDesk.Features.Eligibility;

/// <summary>Assesses a country (and, for a full decision, the requester and the negotiation) against the list versions in force on a date.</summary>
public sealed class AssessEligibility(ReferenceLists lists, TimeProvider clock)
{
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<CountryAssessment?> CountryAsync(string code, DateOnly? on = null, CancellationToken cancellationToken = default)
    {
        var country = Countries.Find(code);
        if (country is null)
            return null;
        return EligibilityRules.AssessCountry(country.Code, on ?? Today, await lists.AllAsync(cancellationToken));
    }

    public async Task<EligibilityAssessment?> DecisionAsync(string code, bool requesterIsGovernment, bool negotiationOngoingOrUpcoming, DateOnly? on = null, CancellationToken cancellationToken = default)
    {
        var country = await CountryAsync(code, on, cancellationToken);
        return country is null ? null : EligibilityRules.Assess(country, requesterIsGovernment, negotiationOngoingOrUpcoming);
    }
}

using System.Globalization;

namespace ConnexDesk.Domain.Eligibility;

/// <summary>Whether a country qualifies on a date, and why, from the list versions in force on that date.</summary>
public sealed record CountryAssessment(string CountryCode, DateOnly On, bool Eligible, IReadOnlyList<string> Basis, IReadOnlyList<string> ListVersions, IReadOnlyList<Reason> Reasons)
{
    public string ListVersion => string.Join("; ", ListVersions);
    public string Explanation => string.Join(" ", Reasons.Select(r => r.ToString()));
}

/// <summary>The whole decision: the country, the requester and the negotiation.</summary>
public sealed record EligibilityAssessment(CountryAssessment Country, bool RequesterIsGovernment, bool NegotiationOngoingOrUpcoming, bool Eligible, IReadOnlyList<Reason> Reasons)
{
    public string Explanation => string.Join(" ", Reasons.Select(r => r.ToString()));
}

/// <summary>
/// The eligibility rule (DESIGN.md section 1): a government body (national or sub-national) of a country on the OECD
/// DAC List of ODA Recipients in force on the decision date, or of an economy in transition, facing an ongoing or
/// upcoming negotiation or renegotiation. LDC status is recorded as part of the basis but is not itself a condition.
/// </summary>
public static class EligibilityRules
{
    public static ReferenceListVersion? InForce(IEnumerable<ReferenceListVersion> versions, ListKind kind, DateOnly on) =>
        versions.Where(v => v.Kind == kind && v.EffectiveFrom <= on)
            .OrderByDescending(v => v.EffectiveFrom).ThenByDescending(v => v.ImportedAt).ThenByDescending(v => v.Id)
            .FirstOrDefault();

    public static CountryAssessment AssessCountry(string countryCode, DateOnly on, IReadOnlyCollection<ReferenceListVersion> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var code = Countries.Normalise(countryCode) ?? throw new ArgumentException($"'{countryCode}' is not a known country code.", nameof(countryCode));
        var country = new CountryName(code);
        var day = on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var basis = new List<string>();
        var used = new List<string>();
        var reasons = new List<Reason>();

        var dac = InForce(versions, ListKind.DacRecipients, on);
        if (dac is null)
        {
            reasons.Add(new Reason("No version of the OECD DAC List of ODA Recipients was in force on {0}.", day));
        }
        else
        {
            used.Add(dac.Label);
            if (dac.Find(code) is { } entry)
            {
                basis.Add("DAC:" + entry.Group);
                reasons.Add(new Reason(DacTemplate(entry.Group), country, dac.Label));
            }
            else
            {
                reasons.Add(new Reason("{0} is not on the {1}.", country, dac.Label));
            }
        }

        var transition = InForce(versions, ListKind.EconomiesInTransition, on);
        if (transition is not null)
        {
            used.Add(transition.Label);
            if (transition.Find(code) is not null)
            {
                basis.Add("WESP:transition");
                reasons.Add(new Reason("{0} is one of the economies in transition ({1}).", country, transition.Label));
            }
        }

        var ldc = InForce(versions, ListKind.LeastDeveloped, on);
        if (ldc is not null && ldc.Find(code) is { } least)
        {
            used.Add(ldc.Label);
            if (least.GraduationOn is { } graduated && graduated <= on)
            {
                reasons.Add(new Reason("{0} graduated from the UN list of least developed countries on {1}.", country, graduated.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            }
            else
            {
                basis.Add("UN:LDC");
                reasons.Add(new Reason("{0} is one of the UN least developed countries.", country));
            }
        }

        var eligible = basis.Any(b => b.StartsWith("DAC:", StringComparison.Ordinal) || b == "WESP:transition");
        reasons.Add(eligible
            ? new Reason("The country criterion is met.")
            : new Reason("The country criterion is not met: the country is neither on the DAC List nor an economy in transition."));
        return new CountryAssessment(code, on, eligible, basis, used, reasons);
    }

    public static EligibilityAssessment Assess(CountryAssessment country, bool requesterIsGovernment, bool negotiationOngoingOrUpcoming)
    {
        ArgumentNullException.ThrowIfNull(country);
        var reasons = new List<Reason>(country.Reasons);
        if (!requesterIsGovernment)
            reasons.Add(new Reason("Support is only for government bodies: a ministry, agency or office of a national or sub-national government."));
        if (!negotiationOngoingOrUpcoming)
            reasons.Add(new Reason("Support is for an ongoing or upcoming negotiation or renegotiation of a contract or investment agreement."));
        return new EligibilityAssessment(country, requesterIsGovernment, negotiationOngoingOrUpcoming,
            country.Eligible && requesterIsGovernment && negotiationOngoingOrUpcoming, reasons);
    }

    private static string DacTemplate(string group) => group switch
    {
        "LDC" => "{0} is on the {1}, among the least developed countries.",
        "OtherLIC" => "{0} is on the {1}, among the other low-income countries.",
        "LMIC" => "{0} is on the {1}, among the lower middle-income countries.",
        "UMIC" => "{0} is on the {1}, among the upper middle-income countries.",
        _ => "{0} is on the {1}.",
    };
}

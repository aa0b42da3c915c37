namespace ConnexDesk.Domain.Cases;

/// <summary>
/// One line of what the unit publishes about the support it gave: the year of the agreement, the sector and the
/// stage of the negotiation, whether the support is over; and the country only when it consented to be named.
/// Nothing else of a case ever leaves the unit this way: not its title, organisation, parties or reference.
/// </summary>
public sealed record PublishedSupport(int Year, Sector? Sector, NegotiationStage? NegotiationStage, bool Completed, string? CountryCode)
{
    /// <summary>The line for a case, or null for a request that did not become an agreement.</summary>
    public static PublishedSupport? Of(Case supported)
    {
        ArgumentNullException.ThrowIfNull(supported);
        if (supported.Agreement is not { } agreement || supported.Stage is CaseStage.Declined or CaseStage.Withdrawn)
            return null;
        return new PublishedSupport(agreement.ApprovalLetterIssuedAt.Year, supported.Sector, supported.NegotiationStage,
            supported.Stage is CaseStage.Evaluation or CaseStage.Closed,
            supported.CountryNameMayBePublished ? supported.CountryCode : null);
    }
}

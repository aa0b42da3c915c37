namespace ConnexDesk.Domain;

public enum InvitationStatus
{
    Pending,
    Approved,
    Refused,
}

/// <summary>
/// A focal point asks for a colleague of the same organisation to see its requests too. Nobody gets an account from
/// a focal point's word alone: a manager approves or refuses, and the decision is kept.
/// </summary>
public sealed class ColleagueInvitation
{
    public const int MaxNameLength = 200;
    public const int MaxReasonLength = 1000;

    private ColleagueInvitation()
    {
        Name = "";
        Email = "";
        InvitedById = "";
        InvitedBy = "";
    }

    public int Id { get; private set; }
    public int OrganisationId { get; private set; }
    public string Name { get; private set; }
    public string Email { get; private set; }
    public string? Position { get; private set; }
    public string InvitedById { get; private set; }
    public string InvitedBy { get; private set; }
    public DateTime InvitedAt { get; private set; }
    public InvitationStatus Status { get; private set; }
    public string? DecidedBy { get; private set; }
    public DateTime? DecidedAt { get; private set; }
    public string? Reason { get; private set; }

    public static (ColleagueInvitation? Invitation, IReadOnlyList<Reason> Refusals) Ask(int organisationId, string? name, string? email, string? position,
        string? organisationMailDomain, string invitedById, string invitedBy, DateTime at)
    {
        var problems = new List<Reason>();
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxNameLength)
            problems.Add(new Reason("Give your colleague's name (at most 200 characters)."));
        var address = email?.Trim().ToLowerInvariant();
        if (address is null || address.Length > 254 || !System.Net.Mail.MailAddress.TryCreate(address, out var parsed) || parsed.Address != address)
            problems.Add(new Reason("Give your colleague's email address."));
        else if (organisationMailDomain is { Length: > 0 } domain && !address.EndsWith("@" + domain.ToLowerInvariant(), StringComparison.Ordinal))
            problems.Add(new Reason("Your colleague's address must be at your organisation's domain, {0}.", domain));
        if (position?.Trim().Length > MaxNameLength)
            problems.Add(new Reason("The position can have at most 200 characters."));
        if (problems.Count > 0)
            return (null, problems);
        return (new ColleagueInvitation
        {
            OrganisationId = organisationId,
            Name = name!.Trim(),
            Email = address!,
            Position = string.IsNullOrWhiteSpace(position) ? null : position.Trim(),
            InvitedById = invitedById,
            InvitedBy = invitedBy,
            InvitedAt = at,
            Status = InvitationStatus.Pending,
        }, []);
    }

    public IReadOnlyList<Reason> Decide(bool approve, string? reason, string manager, DateTime at)
    {
        if (Status != InvitationStatus.Pending)
            return [new Reason("This invitation was already decided by {0}.", DecidedBy ?? "")];
        if (!approve && (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength))
            return [new Reason("Say why the invitation is refused (at most 1000 characters).")];
        Status = approve ? InvitationStatus.Approved : InvitationStatus.Refused;
        DecidedBy = manager;
        DecidedAt = at;
        Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        return [];
    }
}

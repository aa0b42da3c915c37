using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using Microsoft.EntityFrameworkCore;

namespace ConnexDesk.Features.Cases;

public sealed record NewCounterparty(string Name, string? CountryCode = null, CounterpartyKind Kind = CounterpartyKind.Company);

public sealed record NewContact(string Name, string? Email = null, string? Phone = null, string? Position = null);

public sealed record NewCase(
    CaseDetails Details,
    string? OrganisationName,
    GovernmentLevel OrganisationLevel = GovernmentLevel.National,
    IReadOnlyList<NewCounterparty>? Counterparties = null,
    string? AssignedOfficerId = null,
    string? Remark = null,
    NewContact? Contact = null,
    bool CountryMayBeUnknown = false);

public sealed record OpenCaseResult(Case? Case, string? Error)
{
    public bool Succeeded => Case is not null;
}

/// <summary>
/// Opens a case as an Inquiry with the next reference of the year. Used by the staff page, the CLI and (later)
/// the mail intake; the reference is allocated in the same transaction as the case is saved.
/// </summary>
public sealed class OpenCase(DeskDb db, TimeProvider clock, Sanctions.ScreenCounterparties screening)
{
    public async Task<OpenCaseResult> RunAsync(NewCase request, CaseActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        var country = Countries.Normalise(request.Details.CountryCode);
        if (country is null && !(request.CountryMayBeUnknown && string.IsNullOrEmpty(request.Details.CountryCode)))
            return new(null, $"'{request.Details.CountryCode}' is not an ISO 3166 country code (use two letters, e.g. SN; XK for Kosovo).");
        if (string.IsNullOrWhiteSpace(request.Details.Title))
            return new(null, "A title is required.");
        var counterparties = request.Counterparties ?? [];
        if (counterparties.FirstOrDefault(c => c.CountryCode is { Length: > 0 } code && !Countries.IsKnown(code)) is { } badCounterparty)
            return new(null, $"'{badCounterparty.CountryCode}' (counterparty {badCounterparty.Name}) is not an ISO 3166 country code.");
        if (request.Contact is { } contact && (string.IsNullOrWhiteSpace(request.OrganisationName) || country is null))
            return new(null, $"The contact {contact.Name} needs the requesting organisation they work for, and its country.");

        var organisationId = string.IsNullOrWhiteSpace(request.OrganisationName) || country is null
            ? (int?)null
            : await Organisations.FindOrAddAsync(db, request.OrganisationName, country, request.OrganisationLevel, cancellationToken);

        var now = clock.GetUtcNow().UtcDateTime;
        if (db.Database.CurrentTransaction is not null)
        {
            // Part of a larger unit of work (the mail intake files the message in the same transaction).
            return new(await OpenAsync(request, country, organisationId, actor, now, cancellationToken), null);
        }
        var strategy = db.Database.CreateExecutionStrategy();
        var opened = await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var @case = await OpenAsync(request, country, organisationId, actor, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return @case;
        });
        return new(opened, null);
    }

    private async Task<Case> OpenAsync(NewCase request, string? country, int? organisationId, CaseActor actor, DateTime now, CancellationToken cancellationToken)
    {
        var counterparties = request.Counterparties ?? [];
        {
            var number = await CaseNumbers.NextAsync(db, now.Year, cancellationToken);
            var @case = Case.Open(new CaseReference(now.Year, number), request.Details with { CountryCode = country }, organisationId, actor, now, request.Remark);
            foreach (var counterparty in counterparties.Where(c => !string.IsNullOrWhiteSpace(c.Name)))
                @case.AddCounterparty(new Counterparty(counterparty.Name, counterparty.CountryCode, counterparty.Kind), actor, now);
            if (@case.Counterparties.Count > 0)
                await screening.ScreenAsync(@case, actor, cancellationToken);
            if (request.AssignedOfficerId is { } officerId)
            {
                var officerName = await db.Users.Where(u => u.Id == officerId).Select(u => u.DisplayName).SingleAsync(cancellationToken);
                @case.AssignOfficer(officerId, officerName, null, actor, now);
            }
            if (request.Contact is { } newContact && !string.IsNullOrWhiteSpace(newContact.Name))
            {
                var organisation = await db.Organisations.Include(o => o.Contacts).SingleAsync(o => o.Id == organisationId, cancellationToken);
                if (organisation.AddContact(newContact.Name, newContact.Email, newContact.Phone, newContact.Position) is { } added)
                    @case.NoteContactAdded(added, actor, now);
            }
            db.Cases.Add(@case);
            await db.SaveChangesAsync(cancellationToken);
            return @case;
        }
    }
}

public static class Organisations
{
    /// <summary>The organisation of that name in that country, created if new. Safe when two requests add the same one at once.</summary>
    public static async Task<int> FindOrAddAsync(DeskDb db, string name, string countryCode, GovernmentLevel level, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var trimmed = name.Trim();
        for (var attempt = 0; ; attempt++)
        {
            var existing = await db.Organisations.Where(o => o.CountryCode == countryCode && o.Name == trimmed).Select(o => (int?)o.Id).SingleOrDefaultAsync(cancellationToken);
            if (existing is { } id)
                return id;
            var organisation = new RequestingOrganisation(trimmed, countryCode, level);
            db.Organisations.Add(organisation);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return organisation.Id;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Someone added the same organisation a moment ago: use theirs.
                db.Entry(organisation).State = EntityState.Detached;
            }
        }
    }
}

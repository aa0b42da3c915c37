using ConnexDesk.Data;
using ConnexDesk.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ConnexDesk.Features.Access;

public sealed record NewUser(string Email, string DisplayName, Role Role, string Password, int? OrganisationId = null);

public sealed record AddUserResult(DeskUser? User, string? Error)
{
    public bool Succeeded => User is not null;
}

/// <summary>Creates a person's account with one role. Used by `user add`, the demo seed and the administrator pages.</summary>
public sealed class AddUser(UserManager<DeskUser> users, DeskDb db, TimeProvider clock, Audit.AuditTrail audit)
{
    /// <param name="by">Who creates the account; the command line (an administrator at the server) when not given.</param>
    public async Task<AddUserResult> RunAsync(NewUser request, Domain.Cases.CaseActor? by = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var email = request.Email.Trim();
        if (!email.Contains('@', StringComparison.Ordinal) || email.Length < 3)
            return Fail($"'{request.Email}' is not an email address.");
        if (string.IsNullOrWhiteSpace(request.DisplayName))
            return Fail("A name is required.");
        if (request.Role == Role.FocalPoint && request.OrganisationId is null)
            return Fail("A government focal point needs --organisation: the requesting organisation whose requests they may see.");
        if (request.Role != Role.FocalPoint && request.OrganisationId is not null)
            return Fail("Only government focal points belong to a requesting organisation.");
        if (request.OrganisationId is { } organisationId
            && !await db.Organisations.AnyAsync(o => o.Id == organisationId, cancellationToken))
            return Fail($"There is no requesting organisation with id {organisationId}.");
        if (await users.FindByEmailAsync(email) is not null)
            return Fail($"A user with email {email} already exists.");

        var user = new DeskUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = request.DisplayName.Trim(),
            OrganisationId = request.OrganisationId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(user, request.Password);
        if (!created.Succeeded)
            return Fail(Describe(created));
        var inRole = await users.AddToRoleAsync(user, request.Role.ToString());
        if (!inRole.Succeeded)
        {
            await users.DeleteAsync(user);
            return Fail(Describe(inRole));
        }
        var actor = by ?? Domain.Cases.CaseActor.CommandLine;
        await audit.RecordAsync(new Domain.Audit.AuditRecord(clock.GetUtcNow().UtcDateTime, actor.UserId, actor.Name, null, null, Domain.Audit.AuditAction.PermissionChange,
            $"account {email} created as {request.Role}" + (request.OrganisationId is { } organisation ? $" of organisation {organisation}" : "")), cancellationToken);
        return new AddUserResult(user, null);
    }

    private static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));

    private static AddUserResult Fail(string error) => new(null, error);
}

using ConnexDesk.Domain;
using ConnexDesk.Features.Access;
using Microsoft.EntityFrameworkCore;

namespace ConnexDesk.Data;

/// <summary>
/// The demonstration desk: one login per role and a few requesting organisations. Seeded in the Development
/// environment and by `seed-demo`; the passwords are published in the README, so Production never gets them.
/// </summary>
public sealed class DemoData(DeskDb db, AddUser addUser, ILogger<DemoData> logger)
{
    public const string Password = "demo-desk-2026";

    public static IReadOnlyList<(string Email, string Name, Role Role)> Logins { get; } =
    [
        ("admin@demo.connexdesk.org", "Ada Administrator", Role.Administrator),
        ("manager@demo.connexdesk.org", "Miriam Okafor", Role.Manager),
        ("officer@demo.connexdesk.org", "Tomás Herrera", Role.CaseOfficer),
        ("officer2@demo.connexdesk.org", "Lena Brandt", Role.CaseOfficer),
        ("expert@demo.connexdesk.org", "Jean-Pierre Mbeki", Role.Expert),
        ("focalpoint@demo.connexdesk.org", "Aminata Diallo", Role.FocalPoint),
    ];

    public static IReadOnlyList<(string Name, string Country, GovernmentLevel Level)> Organisations { get; } =
    [
        ("Ministry of Mines and Geology (demo)", "SN", GovernmentLevel.National),
        ("Ministry of Energy and Petroleum (demo)", "MZ", GovernmentLevel.National),
        ("Provincial Infrastructure Office (demo)", "PE", GovernmentLevel.SubNational),
    ];

    /// <summary>Adds whatever part of the demo is missing; running it twice changes nothing.</summary>
    public async Task<int> SeedAsync(CancellationToken cancellationToken = default)
    {
        var added = 0;
        foreach (var (name, country, level) in Organisations)
        {
            if (!await db.Organisations.AnyAsync(o => o.Name == name && o.CountryCode == country, cancellationToken))
            {
                db.Organisations.Add(new RequestingOrganisation(name, country, level));
                added++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);

        var firstOrganisation = await db.Organisations
            .Where(o => o.Name == Organisations[0].Name).Select(o => o.Id).SingleAsync(cancellationToken);
        foreach (var (email, name, role) in Logins)
        {
            var normalizedEmail = email.ToUpperInvariant();
            if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalizedEmail, cancellationToken))
                continue;
            var organisation = role == Role.FocalPoint ? firstOrganisation : (int?)null;
            var result = await addUser.RunAsync(new NewUser(email, name, role, Password, organisation), cancellationToken);
            if (!result.Succeeded)
                throw new InvalidOperationException($"Demo user {email} could not be created: {result.Error}");
            added++;
        }
        if (added > 0)
            logger.LogInformation("Demo data seeded ({Count} records). Sign in with any demo login and password {Password}.", added, Password);
        return added;
    }
}

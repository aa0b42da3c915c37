using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Features.Access;
using ConnexDesk.Features.Cases;
using Microsoft.EntityFrameworkCore;

namespace ConnexDesk.Data;

/// <summary>
/// The demonstration desk: one login per role and a few requesting organisations. Seeded in the Development
/// environment and by `seed-demo`; the passwords are published in the README, so Production never gets them.
/// </summary>
public sealed class DemoData(DeskDb db, AddUser addUser, OpenCase openCase, Features.Letters.IssueLetter issueLetter, Features.Sanctions.SanctionsLists sanctions, Features.Experts.ExpertRoster roster, Features.Experts.CodeOfConductRegister codeOfConduct, TimeProvider clock, ILogger<DemoData> logger)
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
        added += await SeedSanctionsListsAsync(cancellationToken);
        added += await SeedExpertsAsync(cancellationToken);
        added += await SeedCasesAsync(cancellationToken);
        if (added > 0)
            logger.LogInformation("Demo data seeded ({Count} records). Sign in with any demo login and password {Password}.", added, Password);
        return added;
    }

    /// <summary>The Code of Conduct's first version, and a small roster with the demo expert on it (who has not signed yet).</summary>
    private async Task<int> SeedExpertsAsync(CancellationToken cancellationToken)
    {
        var added = 0;
        if (await codeOfConduct.CurrentAsync(cancellationToken) is null)
        {
            var (version, _) = await codeOfConduct.PublishAsync("2026-1", CodeOfConductText, "Demo data", cancellationToken);
            added += version is null ? 0 : 1;
        }
        if (!await db.Experts.AnyAsync(cancellationToken))
        {
            const string rosterCsv = Features.Experts.RosterFile.Columns + "\n"
                + "Jean-Pierre Mbeki,expert@demo.connexdesk.org,CM,fr:native;en:C1,Legal;Negotiation strategy,Mining;OilAndGas,West Africa,900,EUR,Ashanti Goldfields Ltd:2009-2014;Ministry of Lands and Natural Resources:2016-\n"
                + "Isabel Cardoso,isabel.cardoso@roster.example,PT,pt:native;en:C2;es:C1,Fiscal and financial modelling;Tax,Mining;Power,Southern Africa;MZ,1050,EUR,Vale SA:2012-2017\n"
                + "Aïssatou Ba,aissatou.ba@roster.example,SN,fr:native;en:C1,Environmental;Social and community,Mining;AgricultureAndLand,West Africa;SN,750,EUR,Northern Star Extraction Co Ltd:2021-2023\n";
            var imported = await roster.ImportAsync(System.Text.Encoding.UTF8.GetBytes(rosterCsv), cancellationToken);
            added += imported.Added;
        }
        return added;
    }

    private const string CodeOfConductText =
        """
        ## 1. Confidentiality
        Everything the expert learns about a case, including the name of the country, stays confidential during the engagement and after it. Documents are kept only as long as the work needs them.

        ## 2. Integrity
        The expert gives independent, honest advice, accepts no gift or advantage from any party, and reports any attempt at undue influence to the unit.

        ## 3. On behalf of the host government
        The expert works only on behalf and by order of the host government, never for a counterparty, and does not work for a counterparty of the case for two years after it ends.

        ## 4. Conflicts of interest
        The expert declares, before each engagement and whenever they arise, every tie with the parties across the table: past and current clients and employers, shareholdings, family.
        """;

    /// <summary>The invented sample lists in the UN and EU formats, so that the demo's counterparties are screened against something.</summary>
    private async Task<int> SeedSanctionsListsAsync(CancellationToken cancellationToken)
    {
        if (await db.SanctionsListVersions.AnyAsync(cancellationToken))
            return 0;
        var added = 0;
        foreach (var name in new[] { "un-consolidated-list.sample.xml", "eu-fsf.sample.xml" })
        {
            await using var stream = typeof(DemoData).Assembly.GetManifestResourceStream("Demo.Sanctions." + name)
                ?? throw new InvalidOperationException($"The demo list {name} is missing from the build.");
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, cancellationToken);
            var import = await sanctions.ImportAsync(copy.ToArray(), "Demo data", cancellationToken);
            added += import.Version is null ? 0 : 1;
        }
        return added;
    }

    /// <summary>A few requests at the stages the lifecycle can reach before documents and due diligence exist, made through the same steps staff take.</summary>
    private async Task<int> SeedCasesAsync(CancellationToken cancellationToken)
    {
        if (await db.Cases.AnyAsync(cancellationToken))
            return 0;
        var users = await db.Users.Where(u => u.Email!.EndsWith("@demo.connexdesk.org")).ToDictionaryAsync(u => u.Email!, cancellationToken);
        var officer = users["officer@demo.connexdesk.org"];
        var manager = users["manager@demo.connexdesk.org"];
        var officerActor = new CaseActor(officer.Id, officer.DisplayName, Role.CaseOfficer);
        var managerActor = new CaseActor(manager.Id, manager.DisplayName, Role.Manager);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

        var goldMine = await OpenAsync(new NewCase(
            new CaseDetails("SN", "Renegotiation of a gold mining convention", "The ministry asks for help to review the fiscal regime of a 2012 mining convention before the investor's request for an extension.",
                Sector.Mining, NegotiationStage.Renegotiation, today.AddDays(5), today.AddDays(60), SupportServices.Legal | SupportServices.FiscalAndFinancialModelling, Language: "fr"),
            Organisations[0].Name, GovernmentLevel.National,
            [new NewCounterparty("Sahel Gold Resources SA", "CA", CounterpartyKind.Company), new NewCounterparty("Northern Star Extraction Co. Ltd", "GB", CounterpartyKind.Investor)], officer.Id,
            "Phone call from the Director of Mines; a formal letter will follow.",
            new NewContact("Mamadou Sow", "m.sow@mines.gouv.example", "+221 33 000 00 00", "Director of Mines")), officerActor, cancellationToken);
        goldMine.Take(CaseStep.AskForFormalRequest, new StepRequest(officerActor, clock.GetUtcNow().UtcDateTime, "Sent the request-letter guidance after the call."));

        await OpenAsync(new NewCase(
            new CaseDetails("MZ", "Gas-to-power project: power purchase agreement", "First contact at a regional energy conference; the ministry is preparing a PPA negotiation with a project developer.",
                Sector.Power, NegotiationStage.PreNegotiation, null, today.AddDays(120), SupportServices.Legal | SupportServices.Technical, Language: "pt"),
            Organisations[1].Name, GovernmentLevel.National,
            [new NewCounterparty("Rovuma Power Partners Ltd", "MU", CounterpartyKind.Investor), new NewCounterparty("Empresa Nacional de Energia", "MZ", CounterpartyKind.StateOwnedEnterprise)],
            null, "Met the deputy minister at the conference; follow up by email.",
            new NewContact("Ana Matsinhe", "ana.matsinhe@energia.gov.example", null, "Adviser to the Deputy Minister")), managerActor, cancellationToken);

        var toll = await OpenAsync(new NewCase(
            new CaseDetails("PE", "Toll road concession: financial close support", "Request to support the financial close of a regional toll road concession.",
                Sector.TransportInfrastructure, NegotiationStage.Implementation, null, null, SupportServices.FiscalAndFinancialModelling, Language: "es"),
            Organisations[2].Name, GovernmentLevel.SubNational, [], officer.Id, null,
            new NewContact("Lucía Quispe", "l.quispe@transportes.region.example", null, "Gerente de Concesiones")), officerActor, cancellationToken);
        const string outsideMandate = "Financial close of an awarded concession is transaction advisory, outside the unit's mandate; referred to the regional development bank.";
        var declineLetter = await issueLetter.RunAsync(toll, new Features.Letters.IssueLetterRequest(LetterKind.Decline, "es", Reason: outsideMandate), managerActor, cancellationToken);
        if (declineLetter.Letter is null)
            throw new InvalidOperationException("Demo decline letter was not issued: " + string.Join("; ", declineLetter.Refusals));
        toll.Take(CaseStep.Decline, new StepRequest(managerActor, clock.GetUtcNow().UtcDateTime, outsideMandate));

        await db.SaveChangesAsync(cancellationToken);
        return 3;
    }

    private async Task<Case> OpenAsync(NewCase request, CaseActor actor, CancellationToken cancellationToken)
    {
        var result = await openCase.RunAsync(request, actor, cancellationToken);
        return result.Case ?? throw new InvalidOperationException("Demo case could not be opened: " + result.Error);
    }
}

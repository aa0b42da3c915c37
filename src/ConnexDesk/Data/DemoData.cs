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
public sealed class DemoData(DeskDb db, AddUser addUser, OpenCase openCase, Features.Letters.IssueLetter issueLetter, Features.Sanctions.SanctionsLists sanctions,
    Features.Experts.ExpertRoster roster, Features.Experts.CodeOfConductRegister codeOfConduct, Features.Eligibility.AssessEligibility eligibility, Infrastructure.BlobStore blobs,
    TimeProvider clock, ILogger<DemoData> logger)
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
        ("pointfocal@demo.connexdesk.org", "Mariama Condé", Role.FocalPoint),
    ];

    public static IReadOnlyList<(string Name, string Country, GovernmentLevel Level)> Organisations { get; } =
    [
        ("Ministry of Mines and Geology (demo)", "SN", GovernmentLevel.National),
        ("Ministry of Energy and Petroleum (demo)", "MZ", GovernmentLevel.National),
        ("Provincial Infrastructure Office (demo)", "PE", GovernmentLevel.SubNational),
        ("Ministère des Mines et de la Géologie (démo)", "GN", GovernmentLevel.National),
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

        // Aminata Diallo works for the Senegalese ministry (the gold mine), Mariama Condé for the Guinean one (the bauxite case).
        var senegal = await db.Organisations.Where(o => o.Name == Organisations[0].Name).Select(o => o.Id).SingleAsync(cancellationToken);
        var guinea = await db.Organisations.Where(o => o.Name == Organisations[3].Name).Select(o => o.Id).SingleAsync(cancellationToken);
        foreach (var (email, name, role) in Logins)
        {
            var normalizedEmail = email.ToUpperInvariant();
            if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalizedEmail, cancellationToken))
                continue;
            var organisation = role != Role.FocalPoint ? (int?)null : email.StartsWith("pointfocal@", StringComparison.Ordinal) ? guinea : senegal;
            var result = await addUser.RunAsync(new NewUser(email, name, role, Password, organisation), cancellationToken: cancellationToken);
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

    /// <summary>
    /// The Code of Conduct's first version, and a roster of a dozen invented experts: the demo expert (who has not
    /// signed yet), French speakers for the approved bauxite case, one of whom works for its counterparty, one with an
    /// old tie to it, and others who have signed the Code.
    /// </summary>
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
                + "Aïssatou Ba,aissatou.ba@roster.example,SN,fr:native;en:C1,Environmental;Social and community,Mining;AgricultureAndLand,West Africa;SN;GN,750,EUR,Northern Star Extraction Co Ltd:2021-2023\n"
                + "Hélène Morel,helene.morel@roster.example,FR,fr:native;en:C2,Legal;Negotiation strategy,Mining,West Africa;GN;ML,1100,EUR,Cabinet Morel & Associés:2005-\n"
                + "Ousmane Camara,ousmane.camara@roster.example,ML,fr:native;en:B2,Geology and mining engineering,Mining,West Africa;GN;ML,800,EUR,Sahara Geoservices SARL:2010-2020\n"
                + "Claire Dubois,claire.dubois@roster.example,BE,fr:native;en:C1;es:B2,Fiscal and financial modelling;Tax;Economics,Mining;OilAndGas,GN;CD,950,EUR,Atlantic Alumina plc:2022-\n"
                + "Marc Lefèvre,marc.lefevre@roster.example,CA,fr:native;en:C2,Geology and mining engineering;Environmental,Mining,West Africa;GN,880,EUR,Kindia Bauxite Holdings S.A.:2011-2016\n"
                + "Fatoumata Keita,fatoumata.keita@roster.example,GN,fr:native;en:B2,Legal;Social and community,Mining;AgricultureAndLand,GN;SN,700,EUR,\n"
                + "Rafael Ortega,rafael.ortega@roster.example,CL,es:native;en:C1,Legal;Fiscal and financial modelling,Mining;OilAndGas,Latin America;PE;CL,1000,USD,\n"
                + "Samuel Mensah,samuel.mensah@roster.example,GH,en:native;fr:B1,Power and renewable energy;Infrastructure and PPP,Power;RenewableEnergy,West Africa;GH,850,USD,\n"
                + "Nadia Benali,nadia.benali@roster.example,MA,fr:C2;ar:native;en:C1,Tax;Economics,Mining;Power,North Africa;West Africa,900,EUR,\n"
                + "Paulo Mucavele,paulo.mucavele@roster.example,MZ,pt:native;en:C1,Petroleum engineering,OilAndGas,Southern Africa;MZ,950,USD,\n";
            var imported = await roster.ImportAsync(System.Text.Encoding.UTF8.GetBytes(rosterCsv), cancellationToken);
            added += imported.Added;
            var version = await codeOfConduct.CurrentAsync(cancellationToken);
            var signing = await db.Experts.AsNoTracking().Where(e => e.Email.EndsWith("@roster.example") && e.Email != "samuel.mensah@roster.example").ToListAsync(cancellationToken);
            foreach (var expert in signing)
                await codeOfConduct.SignAsync(expert, version!.Id, version.Sha256, expert.Name, consent: true, "demo-data", cancellationToken);
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
        await SeedApprovedCaseAsync(officerActor, managerActor, cancellationToken);
        return 4;
    }

    /// <summary>
    /// A French-speaking bauxite case taken through the lifecycle as staff would (request letter, eligibility, due
    /// diligence, approval letter) to approval, with its negotiation calendar: a round held, the next one in five weeks
    /// (the case's details) and one after, so that scoping can start and the roster can be ranked for it at once.
    /// </summary>
    private async Task SeedApprovedCaseAsync(CaseActor officerActor, CaseActor managerActor, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var bauxite = await OpenAsync(new NewCase(
            new CaseDetails("GN", "Convention d'exploitation de bauxite de Kindia", "Le ministère demande un appui juridique, technique et fiscal pour renégocier la convention minière avant le prochain cycle de négociation.",
                Sector.Mining, NegotiationStage.Renegotiation, today.AddDays(35), today.AddDays(90),
                SupportServices.Legal | SupportServices.Technical | SupportServices.FiscalAndFinancialModelling, Language: "fr"),
            Organisations[3].Name, GovernmentLevel.National,
            [new NewCounterparty("Kindia Bauxite Holdings SA", "GN", CounterpartyKind.Company)], officerActor.UserId,
            "Lettre formelle reçue du ministre; approuvée par la direction.",
            new NewContact("Mariama Condé", "m.conde@mines.gov.example", "+224 620 00 00 00", "Directrice nationale des mines")), officerActor, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        bauxite.RecordOwners(bauxite.Counterparties[0], ["Atlantic Alumina plc"], officerActor, now);
        var letter = Features.Letters.PdfLetter.Write(new Features.Letters.LetterContent("fr", ["Ministère des Mines et de la Géologie", "Conakry"], today.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("fr")), null,
            ["Unité d'appui aux négociations"], "Demande formelle d'appui : convention de bauxite de Kindia",
            [.. Features.Letters.LetterContent.Blocks("Nous sollicitons l'appui de l'Unité pour la renégociation de la convention d'exploitation de bauxite de Kindia.\n- Appui juridique\n- Appui technique (géologie et mines)\n- Modélisation fiscale")],
            ["La Ministre"], new Features.Letters.LetterLabels("Référence :", "Objet :", "Page {0} sur {1}", "Confidentiel")));
        var sha = await blobs.PutAsync(letter, cancellationToken);
        bauxite.AddDocument(new CaseDocument(CaseDocumentKind.RequestLetter, "Demande formelle.pdf", "application/pdf", sha, letter.Length, now, officerActor.Name), officerActor);
        Take(bauxite, CaseStep.AskForFormalRequest, officerActor);
        Take(bauxite, CaseStep.RecordFormalRequest, officerActor);
        var assessment = await eligibility.DecisionAsync("GN", true, true, today, cancellationToken);
        bauxite.RecordEligibilityDecision(EligibilityDecision.From(assessment!, officerActor, now), officerActor);
        Take(bauxite, CaseStep.StartDueDiligence, officerActor);
        bauxite.DrawUpDueDiligence(await Features.DueDiligence.UnitChecklist.CurrentAsync(db, cancellationToken), officerActor, now);
        foreach (var item in bauxite.DueDiligenceItems.ToList())
            bauxite.ReviewDueDiligence(item, new DueDiligenceReview(DueDiligenceStatus.Satisfied, RiskRating.Low, null, "Vérifié par l'équipe (démo).", [], null), officerActor, now);
        bauxite.WriteRecommendation("Approuver : pays éligible (PMA), aucun risque élevé, contrepartie absente des listes de sanctions.", officerActor, now);
        Take(bauxite, CaseStep.SubmitForApproval, officerActor);
        await db.SaveChangesAsync(cancellationToken);
        var approval = await issueLetter.RunAsync(bauxite, new Features.Letters.IssueLetterRequest(LetterKind.Approval, "fr"), managerActor, cancellationToken);
        if (approval.Letter is null)
            throw new InvalidOperationException("Demo approval letter was not issued: " + string.Join("; ", approval.Refusals));
        Take(bauxite, CaseStep.Approve, managerActor);
        Plan(bauxite.ChangeRound(bauxite.NextRound, today.AddDays(35), today.AddDays(37), "Conakry", "Régime fiscal et clause de stabilité", officerActor, now));
        Plan(bauxite.PlanRound(today.AddDays(-20), today.AddDays(-19), "Conakry", "Ouverture de la renégociation", officerActor, now));
        Plan(bauxite.RecordRoundHeld(bauxite.Rounds.Single(r => r.StartsOn == today.AddDays(-20)), "Calendrier convenu ; l'investisseur demande une révision des redevances.", officerActor, now));
        Plan(bauxite.PlanRound(today.AddDays(80), null, "Paris", "Texte final de l'avenant", officerActor, now));
        await db.SaveChangesAsync(cancellationToken);

        static void Plan(IReadOnlyList<Domain.Reason> refusals)
        {
            if (refusals.Count > 0)
                throw new InvalidOperationException("Demo negotiation round was refused: " + string.Join("; ", refusals));
        }

        void Take(Case c, CaseStep step, CaseActor actor)
        {
            var outcome = c.Take(step, new StepRequest(actor, clock.GetUtcNow().UtcDateTime));
            if (!outcome.Done)
                throw new InvalidOperationException($"Demo case could not take the step {step}: " + string.Join("; ", outcome.Refusals));
        }
    }

    private async Task<Case> OpenAsync(NewCase request, CaseActor actor, CancellationToken cancellationToken)
    {
        var result = await openCase.RunAsync(request, actor, cancellationToken);
        return result.Case ?? throw new InvalidOperationException("Demo case could not be opened: " + result.Error);
    }
}

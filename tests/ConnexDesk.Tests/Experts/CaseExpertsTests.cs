using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Domain.Experts;
using ConnexDesk.Features.Cases;
using ConnexDesk.Features.Experts;
using ConnexDesk.Features.Matching;
using ConnexDesk.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConnexDesk.Tests.Experts;

/// <summary>Finding, proposing and engaging experts on a case, on a real database, through the pages a case officer and a manager use.</summary>
public abstract class CaseExpertsTests<TDesk>(TDesk desk) : IClassFixture<TDesk> where TDesk : DeskFactory
{
    private static readonly CaseActor Cli = CaseActor.CommandLine;

    private Task<Case> LoadAsync(string reference) =>
        desk.InScopeAsync(async services => (await services.GetRequiredService<DeskDb>().LoadAsync(reference, Cli))!);

    private static string Version(Case c) => c.Version.ToString(CultureInfo.InvariantCulture);

    /// <summary>A French-speaking mining case facing <paramref name="counterparty"/>, taken through approval to expert selection (or <paramref name="then"/>).</summary>
    private async Task<(Case Case, TestUser Officer)> ApprovedCaseAsync(string counterparty, CaseStep then = CaseStep.StartExpertSelection)
    {
        var officer = await desk.CreateUserAsync(Role.CaseOfficer);
        var manager = await desk.CreateUserAsync(Role.Manager);
        var opened = await desk.InScopeAsync(async services => (await services.GetRequiredService<OpenCase>().RunAsync(
            new NewCase(new CaseDetails("GN", "Convention de bauxite " + Guid.NewGuid().ToString("N")[..6], Sector: Sector.Mining,
                    ServicesNeeded: SupportServices.Legal | SupportServices.Technical, Language: "fr"),
                "Ministère des Mines " + Guid.NewGuid().ToString("N")[..6], Counterparties: [new NewCounterparty(counterparty)], AssignedOfficerId: officer.Id,
                Contact: new NewContact("Mariama Condé", $"m.conde.{Guid.NewGuid():N}@mines.gov.example")), Cli)).Case!);
        await desk.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<DeskDb>();
            var c = (await db.LoadAsync(opened.Reference, Cli))!;
            var now = DateTime.UtcNow;
            var officerActor = new CaseActor(officer.Id, "Officer", Role.CaseOfficer);
            var letter = Encoding.UTF8.GetBytes("Demande formelle d'appui. " + Guid.NewGuid());
            var sha256 = await services.GetRequiredService<ConnexDesk.Infrastructure.BlobStore>().PutAsync(letter);
            c.AddDocument(new CaseDocument(CaseDocumentKind.RequestLetter, "demande.txt", "text/plain", sha256, letter.Length, now, "Officer"), officerActor);
            c.RecordEligibilityDecision(new EligibilityDecision(true, "GN", DateOnly.FromDateTime(now), "DAC:LDC", "test", "Guinea is on the DAC List.", true, true, now, officerActor), officerActor);
            c.AddDueDiligenceItem(new DueDiligenceItem("Counterparty screening", DueDiligenceStatus.Satisfied, RiskRating.Low, null));
            foreach (var step in new[] { CaseStep.AskForFormalRequest, CaseStep.RecordFormalRequest, CaseStep.StartDueDiligence, CaseStep.SubmitForApproval })
            {
                if (step == CaseStep.SubmitForApproval)
                    c.WriteRecommendation("Approuver.", officerActor, now);
                Assert.True(c.Take(step, new StepRequest(officerActor, now)).Done, step.ToString());
            }
            await db.SaveChangesAsync();
            var managerActor = new CaseActor(manager.Id, "Manager", Role.Manager);
            var issued = await services.GetRequiredService<ConnexDesk.Features.Letters.IssueLetter>().RunAsync(c, new ConnexDesk.Features.Letters.IssueLetterRequest(LetterKind.Approval, "fr"), managerActor);
            Assert.True(issued.Letter is not null, string.Join("; ", issued.Refusals));
            Assert.True(c.Take(CaseStep.Approve, new StepRequest(managerActor, now)).Done);
            Assert.True(c.Take(then, new StepRequest(officerActor, now)).Done);
            await db.SaveChangesAsync();
        });
        return (await LoadAsync(opened.Reference), officer);
    }

    /// <summary>Imports the rows, publishes a new Code of Conduct version and has <paramref name="signing"/> sign it; returns the experts by email.</summary>
    private async Task<Dictionary<string, Expert>> RosterAsync(string rows, params string[] signing)
    {
        var imported = await desk.InScopeAsync(services => services.GetRequiredService<ExpertRoster>().ImportAsync(Encoding.UTF8.GetBytes(RosterFile.Columns + "\n" + rows)));
        Assert.True(imported.Succeeded, string.Join("; ", imported.Problems));
        await PublishAndSignAsync(signing);
        return await desk.InScopeAsync(async services => await services.GetRequiredService<DeskDb>().Experts.AsNoTracking().ToDictionaryAsync(e => e.Email));
    }

    private Task PublishAndSignAsync(params string[] signing) => desk.InScopeAsync(async services =>
    {
        var register = services.GetRequiredService<CodeOfConductRegister>();
        var (version, refusals) = await register.PublishAsync("t" + Guid.NewGuid().ToString("N")[..8], "## Confidentiality\nNothing leaves the case. " + Guid.NewGuid(), "Test");
        Assert.True(version is not null, string.Join("; ", refusals));
        foreach (var email in signing)
        {
            var expert = (await register.ExpertForAsync(email))!;
            var (signature, why) = await register.SignAsync(expert, version!.Id, version.Sha256, expert.Name, consent: true, "test");
            Assert.True(signature is not null, string.Join("; ", why));
        }
    });

    private Task<Domain.Matching.RosterRanking> RankAsync(string reference) =>
        desk.InScopeAsync(async services => await services.GetRequiredService<MatchExperts>().RankAsync((await services.GetRequiredService<DeskDb>().LoadAsync(reference, Cli))!));

    [Fact]
    public async Task The_officer_sees_why_each_expert_is_suggested_and_cannot_propose_the_one_who_worked_for_the_counterparty()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var party = $"Kindia Bauxite {id} Holdings SA";
        var (c, officerUser) = await ApprovedCaseAsync(party);
        var experts = await RosterAsync(
            $"Hélène Morel {id},helene.{id}@roster.example,FR,fr:native,Legal,Mining,GN,1100,EUR,\n"
            + $"Ousmane Camara {id},ousmane.{id}@roster.example,ML,fr:native,Geology and mining engineering,Mining,GN,800,EUR,\n"
            + $"Claire Dubois {id},claire.{id}@roster.example,BE,fr:native,Legal;Geology and mining engineering,Mining,GN,950,EUR,KINDIA BAUXITE {id} HOLDINGS S.A.:2022-\n",
            $"helene.{id}@roster.example", $"ousmane.{id}@roster.example", $"claire.{id}@roster.example");
        var claire = experts[$"claire.{id}@roster.example"];
        var officer = await desk.SignedInClientAsync(officerUser);

        var page = Forms.Text(await officer.GetStringAsync($"/cases/{c.Reference}/experts"));
        var forged = await officer.PostFormAsync($"/cases/{c.Reference}/experts", $"/cases/{c.Reference}/experts?handler=Propose", new Dictionary<string, string>
        {
            ["version"] = Version(c),
            ["expertId"] = claire.Id.ToString(CultureInfo.InvariantCulture),
            ["role"] = "Juriste",
        });
        var helene = experts[$"helene.{id}@roster.example"];
        var proposed = await officer.PostFormAsync($"/cases/{c.Reference}/experts", $"/cases/{c.Reference}/experts?handler=Propose", new Dictionary<string, string>
        {
            ["version"] = Version(c),
            ["expertId"] = helene.Id.ToString(CultureInfo.InvariantCulture),
            ["role"] = "Juriste minière",
            ["days"] = "20",
        });

        Assert.Contains($"Hélène Morel {id}", page, StringComparison.Ordinal);
        Assert.Contains("covers Legal (1 of 2 disciplines needed)", page, StringComparison.Ordinal);
        Assert.Contains("speaks French (native)", page, StringComparison.Ordinal);
        Assert.Contains("has worked in Guinea", page, StringComparison.Ordinal);
        Assert.Contains($"conflict of interest with {party}: worked for KINDIA BAUXITE {id} HOLDINGS S.A. (since 2022), within the last 5 years", page, StringComparison.Ordinal);
        var forgedText = Forms.Text(await forged.Content.ReadAsStringAsync());
        Assert.Contains($"Claire Dubois {id} cannot be proposed: conflict of interest with {party}", forgedText, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, proposed.StatusCode);
        var engagement = (await LoadAsync(c.Reference)).Engagements.Single();
        Assert.Equal((helene.Id, EngagementStatus.Proposed, "Juriste minière", 20), (engagement.ExpertId, engagement.Status, engagement.Role, engagement.DaysBudgeted));
    }

    [Fact]
    public async Task Delivery_starts_once_the_government_accepted_the_expert_who_declared_no_conflict_and_signed_the_code_in_force()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var (c, officerUser) = await ApprovedCaseAsync($"Atlantic {id} Alumina plc");
        var experts = await RosterAsync($"Ousmane Camara {id},ousmane.{id}@roster.example,ML,fr:native,Geology and mining engineering,Mining,GN,800,EUR,\n", $"ousmane.{id}@roster.example");
        var ousmane = experts[$"ousmane.{id}@roster.example"];
        var officer = await desk.SignedInClientAsync(officerUser);
        async Task<HttpResponseMessage> PostAsync(string handler, Dictionary<string, string> fields)
        {
            fields["version"] = Version(await LoadAsync(c.Reference));
            return await officer.PostFormAsync($"/cases/{c.Reference}/experts", $"/cases/{c.Reference}/experts?handler={handler}", fields);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync("Propose", new() { ["expertId"] = ousmane.Id.ToString(CultureInfo.InvariantCulture) })).StatusCode);
        var engagementId = (await LoadAsync(c.Reference)).Engagements.Single().Id.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync("Answer", new() { ["engagementId"] = engagementId, ["accepted"] = "true", ["note"] = "Courriel du 2 décembre." })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync("Declaration", new() { ["engagementId"] = engagementId, ["conflict"] = "false" })).StatusCode);
        await PublishAndSignAsync();
        var waiting = Forms.Text(await officer.GetStringAsync($"/cases/{c.Reference}"));
        await PublishAndSignAsync($"ousmane.{id}@roster.example");
        var current = await LoadAsync(c.Reference);
        var started = await officer.PostFormAsync($"/cases/{c.Reference}", $"/cases/{c.Reference}?handler=Step",
            new Dictionary<string, string> { ["version"] = Version(current), ["step"] = nameof(CaseStep.StartDelivery) });

        Assert.Contains($"Ousmane Camara {id} has not signed the current Code of Conduct", waiting, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.Equal(CaseStage.Delivery, (await LoadAsync(c.Reference)).Stage);
    }

    [Fact]
    public async Task A_new_code_version_makes_experts_ineligible_until_they_sign_it_and_a_roster_import_is_seen_at_once()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var (c, _) = await ApprovedCaseAsync($"Boké {id} Mining Company");
        var experts = await RosterAsync($"Nadia Benali {id},nadia.{id}@roster.example,MA,fr:C2,Tax,Mining,,900,EUR,\n", $"nadia.{id}@roster.example");
        var nadia = experts[$"nadia.{id}@roster.example"].Id;

        var signed = (await RankAsync(c.Reference)).Single(m => m.Expert.Id == nadia);
        await PublishAndSignAsync();
        var newVersion = (await RankAsync(c.Reference)).Single(m => m.Expert.Id == nadia);
        await RosterAsync($"Fatoumata Keita {id},fatoumata.{id}@roster.example,GN,fr:native,Legal,Mining,GN,700,EUR,\n", $"nadia.{id}@roster.example", $"fatoumata.{id}@roster.example");
        var ranked = await RankAsync(c.Reference);

        Assert.True(signed.Eligible);
        Assert.False(newVersion.Eligible);
        Assert.StartsWith("has not signed the current Code of Conduct", newVersion.Ineligible.Single().ToString(), StringComparison.Ordinal);
        Assert.True(ranked.Single(m => m.Expert.Id == nadia).Eligible);
        Assert.True(ranked.Single(m => m.Expert.Name == $"Fatoumata Keita {id}").Eligible);
    }

    [Fact]
    public async Task The_proposed_expert_declares_on_their_own_page_seeing_the_parties_but_not_the_case_and_no_one_else_declares_for_them()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var (c, officerUser) = await ApprovedCaseAsync($"Kindia {id} Bauxite SA");
        var expertUser = await desk.CreateUserAsync(Role.Expert);
        var otherUser = await desk.CreateUserAsync(Role.Expert);
        var experts = await RosterAsync($"Aïssatou Ba {id},{expertUser.Email},SN,fr:native,Environmental,Mining,GN,750,EUR,\nOther Expert {id},{otherUser.Email},SN,fr,Legal,Mining,,700,EUR,\n",
            expertUser.Email.ToLowerInvariant(), otherUser.Email.ToLowerInvariant());
        var officer = await desk.SignedInClientAsync(officerUser);
        var proposed = await officer.PostFormAsync($"/cases/{c.Reference}/experts", $"/cases/{c.Reference}/experts?handler=Propose", new Dictionary<string, string>
        {
            ["version"] = Version(c),
            ["expertId"] = experts[expertUser.Email.ToLowerInvariant()].Id.ToString(CultureInfo.InvariantCulture),
            ["role"] = "Environmental adviser",
        });
        Assert.Equal(HttpStatusCode.Redirect, proposed.StatusCode);
        var engagementId = (await LoadAsync(c.Reference)).Engagements.Single().Id.ToString(CultureInfo.InvariantCulture);
        var expert = await desk.SignedInClientAsync(expertUser);
        var other = await desk.SignedInClientAsync(otherUser);

        var page = Forms.Text(await expert.GetStringAsync("/my-engagements"));
        var byOther = await other.PostFormAsync("/my-engagements", "/my-engagements?handler=Declare", new Dictionary<string, string> { ["engagementId"] = engagementId, ["conflict"] = "false" });
        var undescribed = await expert.PostFormAsync("/my-engagements", "/my-engagements?handler=Declare", new Dictionary<string, string> { ["engagementId"] = engagementId, ["conflict"] = "true" });
        var declared = await expert.PostFormAsync("/my-engagements", "/my-engagements?handler=Declare", new Dictionary<string, string>
        {
            ["engagementId"] = engagementId,
            ["conflict"] = "true",
            ["description"] = "My sister is a lawyer at the firm advising the company.",
        });

        Assert.Contains(c.Reference, page, StringComparison.Ordinal);
        Assert.Contains($"Kindia {id} Bauxite SA", page, StringComparison.Ordinal);
        Assert.DoesNotContain(c.Title, page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, byOther.StatusCode);
        Assert.Contains("Describe the conflict", Forms.Text(await undescribed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, declared.StatusCode);
        var engagement = (await LoadAsync(c.Reference)).Engagements.Single();
        Assert.Equal((ConflictDeclaration.ConflictDeclared, $"Aïssatou Ba {id}"), (engagement.Declaration, engagement.DeclarationRecordedBy));
    }

    [Fact]
    public async Task The_shortlist_goes_to_the_focal_point_in_the_case_language_listing_each_proposed_expert()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var (c, officerUser) = await ApprovedCaseAsync($"Boffa {id} Alumina SA");
        var experts = await RosterAsync(
            $"Hélène Morel {id},helene.{id}@roster.example,FR,fr:native;en:C2,Legal,Mining,GN,1100,EUR,\nOusmane Camara {id},ousmane.{id}@roster.example,ML,fr:native,Geology and mining engineering,Mining,GN,800,EUR,\n",
            $"helene.{id}@roster.example", $"ousmane.{id}@roster.example");
        var officer = await desk.SignedInClientAsync(officerUser);
        foreach (var (email, role) in new[] { ($"helene.{id}@roster.example", "Juriste minière"), ($"ousmane.{id}@roster.example", "Géologue") })
        {
            var proposed = await officer.PostFormAsync($"/cases/{c.Reference}/experts", $"/cases/{c.Reference}/experts?handler=Propose", new Dictionary<string, string>
            {
                ["version"] = Version(await LoadAsync(c.Reference)),
                ["expertId"] = experts[email].Id.ToString(CultureInfo.InvariantCulture),
                ["role"] = role,
                ["days"] = "15",
            });
            Assert.Equal(HttpStatusCode.Redirect, proposed.StatusCode);
        }
        var contact = await desk.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<DeskDb>();
            var organisationId = (await db.LoadAsync(c.Reference, Cli))!.OrganisationId;
            return await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId).SelectMany(o => o.Contacts).SingleAsync();
        });

        var sent = await officer.PostFormAsync($"/cases/{c.Reference}/experts", $"/cases/{c.Reference}/experts?handler=Shortlist", new Dictionary<string, string>
        {
            ["version"] = Version(await LoadAsync(c.Reference)),
            ["recipientId"] = contact.Id.ToString(CultureInfo.InvariantCulture),
        });

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var mail = await desk.InScopeAsync(async services =>
        {
            var caseId = (await LoadAsync(c.Reference)).Id;
            return await services.GetRequiredService<DeskDb>().Outbox.AsNoTracking().SingleAsync(o => o.CaseId == caseId && o.Kind == ConnexDesk.Domain.Intake.OutgoingKind.Shortlist);
        });
        Assert.Equal((contact.Email, "fr"), (mail.ToAddress, mail.Language));
        Assert.Equal($"[{c.Reference}] Experts proposés : votre accord pour chacun", mail.Subject);
        Assert.Contains($"1. Hélène Morel {id} — Juriste minière", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Langues : français (native), anglais (C2)", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"2. Ousmane Camara {id} — Géologue", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Domaines : géologie et génie minier", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal("shortlist sent to the government", (await LoadAsync(c.Reference)).History.OrderBy(h => h.Id).Last().NewValue);
    }

    [Fact]
    public async Task An_accepted_expert_is_contracted_works_days_beyond_the_budget_that_a_manager_approves_delivers_and_the_case_is_evaluated_and_closed()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var (c, officerUser) = await ApprovedCaseAsync($"Siguiri {id} Gold SA");
        var experts = await RosterAsync($"Nadia Benali {id},nadia.{id}@roster.example,MA,fr:C2,Tax,Mining,,900,EUR,\n", $"nadia.{id}@roster.example");
        var officer = await desk.SignedInClientAsync(officerUser);
        var manager = await desk.SignedInClientAsync(await desk.CreateUserAsync(Role.Manager));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string handler, Dictionary<string, string> fields)
        {
            fields["version"] = Version(await LoadAsync(c.Reference));
            return await client.PostFormAsync($"/cases/{c.Reference}/{page}", $"/cases/{c.Reference}/{page}?handler={handler}", fields);
        }
        async Task OkAsync(HttpClient client, string page, string handler, Dictionary<string, string> fields)
        {
            var response = await PostAsync(client, page, handler, fields);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{handler}: {Forms.Text(await response.Content.ReadAsStringAsync())}");
        }

        await OkAsync(officer, "experts", "Propose", new() { ["expertId"] = experts[$"nadia.{id}@roster.example"].Id.ToString(CultureInfo.InvariantCulture), ["days"] = "1" });
        var e = (await LoadAsync(c.Reference)).Engagements.Single().Id.ToString(CultureInfo.InvariantCulture);
        await OkAsync(officer, "experts", "Answer", new() { ["engagementId"] = e, ["accepted"] = "true" });
        await OkAsync(officer, "experts", "Declaration", new() { ["engagementId"] = e, ["conflict"] = "false" });
        await OkAsync(officer, "delivery", "Contract", new() { ["engagementId"] = e, ["startsOn"] = $"{today.AddDays(-10):yyyy-MM-dd}", ["endsOn"] = $"{today.AddDays(20):yyyy-MM-dd}", ["contractReference"] = "CT-17" });
        var startedDelivery = await officer.PostFormAsync($"/cases/{c.Reference}", $"/cases/{c.Reference}?handler=Step",
            new Dictionary<string, string> { ["version"] = Version(await LoadAsync(c.Reference)), ["step"] = nameof(CaseStep.StartDelivery) });
        Assert.Equal(HttpStatusCode.Redirect, startedDelivery.StatusCode);
        await OkAsync(officer, "delivery", "Start", new() { ["engagementId"] = e });
        await OkAsync(officer, "delivery", "Days", new() { ["engagementId"] = e, ["workedOn"] = $"{today.AddDays(-2):yyyy-MM-dd}", ["days"] = "1", ["note"] = "Modèle fiscal revu." });
        await OkAsync(officer, "delivery", "Days", new() { ["engagementId"] = e, ["workedOn"] = $"{today.AddDays(-1):yyyy-MM-dd}", ["days"] = "0.5" });
        var future = await PostAsync(officer, "delivery", "Days", new() { ["engagementId"] = e, ["workedOn"] = $"{today.AddDays(1):yyyy-MM-dd}", ["days"] = "1" });
        var recordId = (await LoadAsync(c.Reference)).Engagements.Single().Work.Single(w => w.AwaitsApproval).Id.ToString(CultureInfo.InvariantCulture);
        var officerApproves = await PostAsync(officer, "delivery", "OverBudget", new() { ["engagementId"] = e, ["recordId"] = recordId, ["approve"] = "true" });
        await OkAsync(manager, "delivery", "OverBudget", new() { ["engagementId"] = e, ["recordId"] = recordId, ["approve"] = "true" });
        await OkAsync(officer, "delivery", "Deliverable", new() { ["engagementId"] = e, ["title"] = "Note sur le régime fiscal", ["dueOn"] = $"{today.AddDays(5):yyyy-MM-dd}" });
        var deliverableId = (await LoadAsync(c.Reference)).Engagements.Single().Deliverables.Single().Id.ToString(CultureInfo.InvariantCulture);
        var pdf = ConnexDesk.Features.Letters.PdfLetter.Write(new ConnexDesk.Features.Letters.LetterContent("fr", ["Nadia Benali"], "1 décembre 2026", null, ["Ministère"], "Note sur le régime fiscal",
            [.. ConnexDesk.Features.Letters.LetterContent.Blocks("Le régime fiscal de la convention.")], [], new ConnexDesk.Features.Letters.LetterLabels("Réf. :", "Objet :", "Page {0} sur {1}", "Confidentiel")));
        var submitted = await officer.PostFileAsync($"/cases/{c.Reference}/delivery", $"/cases/{c.Reference}/delivery?handler=Submit",
            new Dictionary<string, string> { ["version"] = Version(await LoadAsync(c.Reference)), ["engagementId"] = e, ["deliverableId"] = deliverableId }, "file", "note-fiscale.pdf", pdf);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        await OkAsync(officer, "delivery", "Accept", new() { ["engagementId"] = e, ["deliverableId"] = deliverableId });
        await OkAsync(officer, "delivery", "Complete", new() { ["engagementId"] = e });
        var page = Forms.Text(await officer.GetStringAsync($"/cases/{c.Reference}/delivery"));
        var evaluation = await officer.PostFormAsync($"/cases/{c.Reference}", $"/cases/{c.Reference}?handler=Step",
            new Dictionary<string, string> { ["version"] = Version(await LoadAsync(c.Reference)), ["step"] = nameof(CaseStep.StartEvaluation) });

        Assert.Contains("Give a day within the contract", Forms.Text(await future.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("Only managers can do this.", Forms.Text(await officerApproves.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("1.5 used of 1 budgeted", page, StringComparison.Ordinal);
        Assert.Contains("note-fiscale.pdf", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, evaluation.StatusCode);
        var done = await LoadAsync(c.Reference);
        Assert.Equal((CaseStage.Evaluation, EngagementStatus.Completed), (done.Stage, done.Engagements.Single().Status));
        Assert.Contains(done.Documents, d => d.Kind == CaseDocumentKind.Deliverable && d.FileName == "note-fiscale.pdf");

        var contact = await desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().Organisations.AsNoTracking().Where(o => o.Id == done.OrganisationId).SelectMany(o => o.Contacts).SingleAsync());
        await OkAsync(officer, "evaluation", "Questionnaire", new() { ["recipientId"] = contact.Id.ToString(CultureInfo.InvariantCulture) });
        var ratings = Enum.GetValues<EvaluationCriterion>().ToDictionary(k => $"rating[{k}]", _ => "4");
        var incomplete = await PostAsync(officer, "evaluation", "Answers", new(ratings.Skip(1)) { ["answeredBy"] = "Mariama Condé" });
        await OkAsync(officer, "evaluation", "Answers", new(ratings) { ["comment[Impact]"] = "Nous avons obtenu une redevance plus élevée.", ["capacityBuilt"] = "Notre équipe construit désormais son modèle fiscal.", ["answeredBy"] = "Mariama Condé" });
        await OkAsync(officer, "evaluation", "Lessons", new() { ["text"] = "L'expert fiscal est arrivé à temps ; prévoir la note juridique plus tôt." });
        var closed = await officer.PostFormAsync($"/cases/{c.Reference}", $"/cases/{c.Reference}?handler=Step",
            new Dictionary<string, string> { ["version"] = Version(await LoadAsync(c.Reference)), ["step"] = nameof(CaseStep.Close) });

        Assert.Contains("Rate Relevance from 1 to 4.", Forms.Text(await incomplete.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        var final = await LoadAsync(c.Reference);
        Assert.Equal(CaseStage.Closed, final.Stage);
        Assert.Equal(("Nous avons obtenu une redevance plus élevée.", "Mariama Condé"), (final.Evaluation!.Answers.Single(a => a.Criterion == EvaluationCriterion.Impact).Comment, final.Evaluation.AnsweredBy));
        var questionnaire = await desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().Outbox.AsNoTracking().SingleAsync(o => o.CaseId == final.Id && o.Kind == ConnexDesk.Domain.Intake.OutgoingKind.Questionnaire));
        Assert.Equal((contact.Email, $"[{c.Reference}] Votre évaluation de l'appui"), (questionnaire.ToAddress, questionnaire.Subject));
        Assert.Contains("Pertinence : l'appui répondait-il aux besoins de votre négociation ?", questionnaire.TextBody, StringComparison.Ordinal);
        var nadia = (await RankAsync(c.Reference)).Single(m => m.Expert.Name == $"Nadia Benali {id}");
        Assert.Contains("governments rated the support 4.0 of 4 on 1 past case(s)", nadia.Reasons.Select(r => r.ToString()));
    }

    [Fact]
    public async Task An_expert_at_work_records_days_and_submits_a_deliverable_on_their_own_page()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var (c, _) = await ApprovedCaseAsync($"Kouroussa {id} Gold SA");
        var expertUser = await desk.CreateUserAsync(Role.Expert);
        var experts = await RosterAsync($"Fatoumata Keita {id},{expertUser.Email},GN,fr:native,Legal,Mining,GN,700,EUR,\n", expertUser.Email.ToLowerInvariant());
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await desk.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<DeskDb>();
            var found = (await db.LoadAsync(c.Reference, Cli))!;
            var now = DateTime.UtcNow;
            Assert.Empty(found.ProposeExpert(new ExpertProposal(experts[expertUser.Email.ToLowerInvariant()].Id, $"Fatoumata Keita {id}", "Juriste", 5, [], []), Cli, now));
            var engagement = found.Engagements.Single();
            Assert.Empty(found.RecordGovernmentDecision(engagement, accepted: true, null, Cli, now));
            Assert.Empty(found.RecordConflictDeclaration(engagement, conflict: false, null, Cli, now));
            Assert.Empty(found.ContractExpert(engagement, today.AddDays(-5), today.AddDays(20), null, Cli, now));
            var code = await services.GetRequiredService<CodeOfConductRegister>().StandingAsync([engagement.ExpertId]);
            Assert.True(found.Take(CaseStep.StartDelivery, new StepRequest(Cli, now, null, code)).Done);
            Assert.Empty(found.StartWork(engagement, Cli, now));
            Assert.Empty(found.AddDeliverable(engagement, "Analyse juridique", today.AddDays(7), Cli, now));
            await db.SaveChangesAsync();
        });
        var engagementId = (await LoadAsync(c.Reference)).Engagements.Single().Id.ToString(CultureInfo.InvariantCulture);
        var deliverableId = (await LoadAsync(c.Reference)).Engagements.Single().Deliverables.Single().Id.ToString(CultureInfo.InvariantCulture);
        var expert = await desk.SignedInClientAsync(expertUser);

        var days = await expert.PostFormAsync("/my-engagements", "/my-engagements?handler=Days", new Dictionary<string, string>
        {
            ["engagementId"] = engagementId,
            ["workedOn"] = $"{today.AddDays(-1):yyyy-MM-dd}",
            ["days"] = "1",
            ["note"] = "Lecture de la convention.",
        });
        var future = await expert.PostFormAsync("/my-engagements", "/my-engagements?handler=Days", new Dictionary<string, string>
        {
            ["engagementId"] = engagementId,
            ["workedOn"] = $"{today.AddDays(3):yyyy-MM-dd}",
            ["days"] = "1",
        });
        var submitted = await expert.PostFileAsync("/my-engagements", "/my-engagements?handler=Submit", new Dictionary<string, string>
        {
            ["engagementId"] = engagementId,
            ["deliverableId"] = deliverableId,
        }, "file", "analyse.pdf", ConnexDesk.Features.Letters.PdfLetter.Write(new ConnexDesk.Features.Letters.LetterContent("fr", ["Fatoumata Keita"], "1 décembre 2026", null, ["Ministère"],
            "Analyse juridique", [.. ConnexDesk.Features.Letters.LetterContent.Blocks("Analyse.")], [], new ConnexDesk.Features.Letters.LetterLabels("Réf. :", "Objet :", "Page {0} sur {1}", "Confidentiel"))));

        Assert.Equal(HttpStatusCode.Redirect, days.StatusCode);
        Assert.Contains("Give a day within the contract", Forms.Text(await future.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var engagementAfter = (await LoadAsync(c.Reference)).Engagements.Single();
        Assert.Equal((1m, $"Fatoumata Keita {id}"), (engagementAfter.DaysUsed, engagementAfter.Work.Single().RecordedBy));
        Assert.Equal("analyse.pdf", engagementAfter.Deliverables.Single().Document!.FileName);
    }

    [Fact]
    public async Task The_experts_and_the_focal_point_get_an_invitation_to_a_round_that_calendars_read()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var (c, officerUser) = await ApprovedCaseAsync($"Mandiana {id} Gold SA");
        var experts = await RosterAsync($"Hélène Morel {id},helene.{id}@roster.example,FR,fr,Legal,Mining,GN,1100,EUR,\n", $"helene.{id}@roster.example");
        var round = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30);
        await desk.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<DeskDb>();
            var found = (await db.LoadAsync(c.Reference, Cli))!;
            found.ChangeDetails(new CaseDetails(found.CountryCode, found.Title, Sector: found.Sector, NextRoundOn: round, ServicesNeeded: found.ServicesNeeded, Language: found.Language), Cli, DateTime.UtcNow, null);
            Assert.Empty(found.ProposeExpert(new ExpertProposal(experts[$"helene.{id}@roster.example"].Id, $"Hélène Morel {id}", "Juriste", 10, [], []), Cli, DateTime.UtcNow));
            Assert.Empty(found.RecordGovernmentDecision(found.Engagements.Single(), accepted: true, null, Cli, DateTime.UtcNow));
            await db.SaveChangesAsync();
        });
        var contact = await desk.InScopeAsync(async services =>
        {
            var organisationId = (await LoadAsync(c.Reference)).OrganisationId;
            return await services.GetRequiredService<DeskDb>().Organisations.AsNoTracking().Where(o => o.Id == organisationId).SelectMany(o => o.Contacts).SingleAsync();
        });
        var officer = await desk.SignedInClientAsync(officerUser);

        var before = await LoadAsync(c.Reference);
        var sent = await officer.PostFormAsync($"/cases/{c.Reference}/calendar", $"/cases/{c.Reference}/calendar?handler=Invite", new Dictionary<string, string>
        {
            ["version"] = Version(before),
            ["roundId"] = before.NextRound!.Id.ToString(CultureInfo.InvariantCulture),
            ["recipientId"] = contact.Id.ToString(CultureInfo.InvariantCulture),
        });

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var after = await LoadAsync(c.Reference);
        var document = after.Documents.Single(d => d.Kind == CaseDocumentKind.CalendarInvitation);
        var mails = await desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().Outbox.AsNoTracking().Where(o => o.CaseId == after.Id && o.Kind == ConnexDesk.Domain.Intake.OutgoingKind.Invitation).ToListAsync());
        Assert.Equal(new[] { contact.Email!, $"helene.{id}@roster.example" }.Order(StringComparer.Ordinal), mails.Select(m => m.ToAddress).Order(StringComparer.Ordinal));
        Assert.All(mails, m => Assert.Equal([document.Sha256], m.AttachmentSha256s));
        var ics = await desk.InScopeAsync(services => services.GetRequiredService<ConnexDesk.Infrastructure.BlobStore>().ReadAsync(document.Sha256));
        var calendar = Ical.Net.Calendar.Load(Encoding.UTF8.GetString(ics))!;
        var invitation = calendar.Events.Single();
        Assert.Equal("REQUEST", calendar.Method);
        Assert.Equal($"Negotiation round ({c.Reference})", invitation.Summary);
        Assert.Equal((round.Year, round.Month, round.Day, false), (invitation.Start!.Year, invitation.Start.Month, invitation.Start.Day, invitation.Start.HasTime));
        Assert.Equal(2, invitation.Attendees.Count);
        Assert.DoesNotContain("Guinea", Encoding.UTF8.GetString(ics), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scoping_mission_and_the_scope_the_government_confirmed_open_expert_selection_through_the_pages()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var (c, officerUser) = await ApprovedCaseAsync($"Boké {id} Alumina SA", CaseStep.StartScoping);
        var contact = await desk.InScopeAsync(async services =>
            await services.GetRequiredService<DeskDb>().Organisations.AsNoTracking().Where(o => o.Id == c.OrganisationId).SelectMany(o => o.Contacts).SingleAsync());
        var officer = await desk.SignedInClientAsync(officerUser);
        var page = $"/cases/{c.Reference}/scoping";
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        async Task<HttpResponseMessage> Post(string handler, Dictionary<string, string> fields)
        {
            fields["version"] = Version(await LoadAsync(c.Reference));
            return await officer.PostFormAsync(page, $"{page}?handler={handler}", fields);
        }

        var mission = await Post("Mission", new()
        {
            ["startsOn"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["endsOn"] = today.AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["place"] = "Conakry",
            ["participants"] = $"Awa Diallo <awa.{id}@mines.gov.example>\nOlga, of the unit (no address)",
        });
        var terms = await officer.PostFileAsync(page, $"{page}?handler=Terms", new Dictionary<string, string> { ["version"] = Version(await LoadAsync(c.Reference)) },
            "file", "termes de référence.pdf", ConnexDesk.Features.Letters.PdfLetter.Write(new ConnexDesk.Features.Letters.LetterContent("fr", ["Mariama Condé"], "1 décembre 2026", null, ["Ministère"],
                "Termes de référence", [.. ConnexDesk.Features.Letters.LetterContent.Blocks("Mission de cadrage.")], [], new ConnexDesk.Features.Letters.LetterLabels("Réf. :", "Objet :", "Page {0} sur {1}", "Confidentiel"))));
        var invited = await Post("MissionInvitation", new() { ["recipientId"] = contact.Id.ToString(CultureInfo.InvariantCulture) });
        var findings = await Post("Findings", new() { ["findings"] = "Le ministère a besoin d'une revue juridique et d'une analyse du plan minier." });
        var incomplete = await Post("Scope", new() { ["needs[0].Discipline"] = "Legal", ["needs[0].Language"] = "fr", ["notes"] = "Revue de la convention de 2012" });
        var proposed = await Post("Scope", new()
        {
            ["needs[0].Discipline"] = "Legal",
            ["needs[0].Language"] = "fr",
            ["needs[0].Days"] = "15",
            ["needs[1].Discipline"] = "GeologyAndMiningEngineering",
            ["needs[1].Sector"] = "Mining",
            ["needs[1].Language"] = "fr",
            ["needs[1].Days"] = "20",
            ["needs[1].From"] = today.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["needs[1].To"] = today.AddDays(40).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["needs[2].Discipline"] = "",
            ["needs[2].Days"] = "",
        });
        var waiting = await LoadAsync(c.Reference);
        var sent = await Post("SendScope", new() { ["recipientId"] = contact.Id.ToString(CultureInfo.InvariantCulture) });
        var confirmed = await Post("Confirm", new() { ["scopeVersionId"] = waiting.LatestScope!.Id.ToString(CultureInfo.InvariantCulture), ["confirmedBy"] = "Mariama Condé" });

        Assert.All(new[] { mission, terms, invited, findings, proposed, sent, confirmed }, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        var refusedPage = await incomplete.Content.ReadAsStringAsync();
        Assert.Contains("Give each expertise need its language and days.", Forms.Text(refusedPage), StringComparison.Ordinal);
        Assert.Contains(">Revue de la convention de 2012</textarea>", refusedPage, StringComparison.Ordinal);
        Assert.Equal("the government has not confirmed version 1 of the scope.",
            CaseLifecycle.Refusals(waiting, CaseStep.StartExpertSelection, new StepRequest(new CaseActor(officerUser.Id, "Officer", Role.CaseOfficer), DateTime.UtcNow)).Single().ToString());
        var after = await LoadAsync(c.Reference);
        Assert.Equal(("Conakry", "termes de référence.pdf", 2), (after.ScopingMission!.Place, after.ScopingMission.TermsOfReference!.FileName, after.ScopingMission.Participants.Count));
        Assert.StartsWith("Le ministère a besoin", after.ScopingMission.Findings, StringComparison.Ordinal);
        var scope = Assert.Single(after.ScopeVersions);
        Assert.Equal((35, "Mariama Condé", contact.Email), (scope.TotalDays, scope.ConfirmedBy, scope.SentTo));
        Assert.Equal([Discipline.Legal, Discipline.GeologyAndMiningEngineering], scope.Needs.Select(n => n.Discipline));
        Assert.Empty(CaseLifecycle.Refusals(after, CaseStep.StartExpertSelection, new StepRequest(new CaseActor(officerUser.Id, "Officer", Role.CaseOfficer), DateTime.UtcNow)));

        var mails = await desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().Outbox.AsNoTracking().Where(o => o.CaseId == after.Id).ToListAsync());
        var invitations = mails.Where(m => m.Kind == ConnexDesk.Domain.Intake.OutgoingKind.Invitation).ToList();
        Assert.Equal(new[] { contact.Email!, $"awa.{id}@mines.gov.example" }.Order(StringComparer.Ordinal), invitations.Select(m => m.ToAddress).Order(StringComparer.Ordinal));
        Assert.All(invitations, m => Assert.StartsWith($"[{c.Reference}] Mission de cadrage", m.Subject, StringComparison.Ordinal));
        var scopeMail = mails.Single(m => m.Kind == ConnexDesk.Domain.Intake.OutgoingKind.Scope);
        Assert.Equal((contact.Email, "fr"), (scopeMail.ToAddress, scopeMail.Language));
        Assert.Contains("1. juridique — français — 15 jours", scopeMail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"2. géologie et génie minier — français — 20 jours — du {today.AddDays(7):yyyy-MM-dd} au {today.AddDays(40):yyyy-MM-dd}", scopeMail.TextBody, StringComparison.Ordinal);
        var ics = await desk.InScopeAsync(services => services.GetRequiredService<ConnexDesk.Infrastructure.BlobStore>().ReadAsync(invitations[0].AttachmentSha256s.Single()));
        // As the mail goes out: the attachment says it is UTF-8, so that "Condé" reaches the calendar as written.
        var composed = await desk.InScopeAsync(services => services.GetRequiredService<ConnexDesk.Features.Outbox.OutboxSender>().ComposeAsync(invitations[0]));
        using var wire = new MemoryStream();
        await composed.WriteToAsync(wire);
        wire.Position = 0;
        var attached = (await MimeKit.MimeMessage.LoadAsync(wire)).Attachments.OfType<MimeKit.TextPart>().Single();
        Assert.Equal(("text/calendar", "utf-8"), (attached.ContentType.MimeType, attached.ContentType.Charset));
        Assert.Contains("CN=Mariama Condé", attached.Text, StringComparison.Ordinal);
        var invitation = Ical.Net.Calendar.Load(Encoding.UTF8.GetString(ics))!.Events.Single();
        Assert.Equal(("Conakry", 2), (invitation.Location, invitation.Attendees.Count));
        Assert.Equal(today.AddDays(3), new DateOnly(invitation.End!.Year, invitation.End.Month, invitation.End.Day));
    }

    [Fact]
    public async Task The_experts_scoping_and_calendar_of_a_case_are_not_shown_to_an_officer_it_is_not_assigned_to_nor_to_an_expert()
    {
        var (c, _) = await ApprovedCaseAsync("Simandou " + Guid.NewGuid().ToString("N")[..6]);
        var otherOfficer = await desk.SignedInClientAsync(await desk.CreateUserAsync(Role.CaseOfficer));
        var expert = await desk.SignedInClientAsync(await desk.CreateUserAsync(Role.Expert));

        foreach (var page in new[] { "experts", "scoping", "calendar", "delivery", "evaluation" })
        {
            var asOtherOfficer = await otherOfficer.GetAsync($"/cases/{c.Reference}/{page}");
            var asExpert = await expert.GetAsync($"/cases/{c.Reference}/{page}");

            Assert.Equal(HttpStatusCode.NotFound, asOtherOfficer.StatusCode);
            Assert.NotEqual(HttpStatusCode.OK, asExpert.StatusCode);
        }
    }

    [Fact]
    public async Task The_roster_exports_as_csv_that_imports_again_and_staff_edit_availability_on_the_profile()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var experts = await RosterAsync($"Marc Lefèvre {id},marc.{id}@roster.example,CA,fr:native;en:C2,Geology and mining engineering,Mining,West Africa;GN,880,EUR,Kindia Bauxite Holdings S.A.:2011-2016\n");
        var marc = experts[$"marc.{id}@roster.example"];
        var officer = await desk.SignedInClientAsync(await desk.CreateUserAsync(Role.CaseOfficer));
        var manager = await desk.SignedInClientAsync(await desk.CreateUserAsync(Role.Manager));

        var refused = await officer.PostFormAsync($"/experts/{marc.Id}", $"/experts/{marc.Id}?handler=Details", new Dictionary<string, string>
        {
            ["phone"] = "+1 514 000 0000",
            ["yearsOfExperience"] = "22",
            ["unavailable"] = "2026-12-20/2026-12-01",
            ["status"] = "Active",
        });
        var saved = await officer.PostFormAsync($"/experts/{marc.Id}", $"/experts/{marc.Id}?handler=Details", new Dictionary<string, string>
        {
            ["phone"] = "+1 514 000 0000",
            ["yearsOfExperience"] = "22",
            ["unavailable"] = "2026-12-01/2026-12-20\n2027-02-01..2027-02-10",
            ["status"] = "Active",
        });
        var export = await officer.GetByteArrayAsync("/experts?handler=Export");
        var officerImport = await officer.PostFileAsync("/experts", "/experts?handler=Import", new Dictionary<string, string>(), "file", "roster.csv", export);
        var managerImport = await manager.PostFileAsync("/experts", "/experts?handler=Import", new Dictionary<string, string>(), "file", "roster.csv", export);
        var reparsed = RosterFile.Parse(export, DateTime.UtcNow.Year);

        Assert.Contains("'2026-12-20/2026-12-01' is not a period", Forms.Text(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.StartsWith("/access-denied", officerImport.Headers.Location?.AbsolutePath ?? officerImport.Headers.Location?.OriginalString, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Redirect, managerImport.StatusCode);
        Assert.Empty(reparsed.Problems);
        var line = Encoding.UTF8.GetString(export).Split('\n').Single(l => l.Contains($"marc.{id}@roster.example", StringComparison.Ordinal));
        Assert.Equal($"Marc Lefèvre {id},marc.{id}@roster.example,CA,fr:native;en:C2,GeologyAndMiningEngineering,Mining,West Africa;GN,880,EUR,Kindia Bauxite Holdings S.A.:2011-2016,+1 514 000 0000,22,Active,2026-12-01/2026-12-20;2027-02-01/2027-02-10,",
            line.TrimEnd('\r'));
        var after = await desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().Experts.AsNoTracking().Include(e => e.PastClients).SingleAsync(e => e.Id == marc.Id));
        Assert.Equal(("+1 514 000 0000", 22, "Kindia Bauxite Holdings S.A.:2011-2016"), (after.Phone, after.YearsOfExperience!.Value, after.PastClients.Single().ToString()));
    }
}

public sealed class CaseExpertsTestsOnSqlite(SqliteDesk desk) : CaseExpertsTests<SqliteDesk>(desk);

public sealed class CaseExpertsTestsOnPostgres(PostgresDesk desk) : CaseExpertsTests<PostgresDesk>(desk);

/// <summary>`experts match`, run as the real executable on the demo's approved bauxite case.</summary>
public sealed class ExpertMatchCommandTests : IDisposable
{
    private readonly CommandLineHome _home = new();

    [Fact]
    public async Task Match_lists_the_whole_roster_in_ranked_order_with_reasons_conflicts_and_eligibility()
    {
        var environment = _home.Environment("Development");
        var seeded = await DeskProcess.RunAsync(["seed-demo"], environment);
        Assert.True(seeded.ExitCode == 0, seeded.Error);
        var cases = await DeskProcess.RunAsync(["cases", "list", "--json"], environment);
        using var list = JsonDocument.Parse(cases.Output);
        var reference = list.RootElement.EnumerateArray().Single(c => c.GetProperty("title").GetString()!.Contains("bauxite", StringComparison.Ordinal)).GetProperty("reference").GetString()!;

        var matched = await DeskProcess.RunAsync(["experts", "match", reference, "--json"], environment);
        var missing = await DeskProcess.RunAsync(["experts", "match", "CNX-2026-9999"], environment);

        Assert.True(matched.ExitCode == 0, matched.Error);
        using var json = JsonDocument.Parse(matched.Output);
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(12, rows.Count);
        Assert.Equal(["conflicts", "eligible", "expert", "reasons", "score"], rows[0].EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var eligible = rows.TakeWhile(r => r.GetProperty("eligible").GetBoolean()).ToList();
        Assert.True(eligible.Count >= 3);
        Assert.All(rows.Skip(eligible.Count), r => Assert.False(r.GetProperty("eligible").GetBoolean()));
        var scores = eligible.Select(r => r.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
        var claire = rows.Single(r => r.GetProperty("expert").GetString() == "Claire Dubois");
        Assert.False(claire.GetProperty("eligible").GetBoolean());
        Assert.Contains("Atlantic Alumina plc (owner of Kindia Bauxite Holdings SA): worked for Atlantic Alumina plc (since 2022), within the last 5 years",
            claire.GetProperty("conflicts").EnumerateArray().Select(c => c.GetString()));
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("There is no case CNX-2026-9999.", missing.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _home.Dispose();
}

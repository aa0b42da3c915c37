using System.Net;
using System.Text;
using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Features.Cases;
using ConnexDesk.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConnexDesk.Tests.Access;

public sealed class GovernmentPortalTests(SqliteDesk desk) : IClassFixture<SqliteDesk>
{
    private static Dictionary<string, string> Fields(Case c, params (string Name, string Value)[] more)
    {
        var fields = new Dictionary<string, string> { ["version"] = c.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        foreach (var (name, value) in more)
            fields[name] = value;
        return fields;
    }

    [Fact]
    public async Task A_focal_point_sees_the_status_and_timeline_of_their_request_but_never_the_units_internal_work()
    {
        var setUp = await NeedToKnowCase.CreateAsync(desk);
        var client = await desk.SignedInClientAsync(setUp.FocalPoint);

        var list = Forms.Text(await client.GetStringAsync("/portal"));
        var page = Forms.Text(await client.GetStringAsync($"/portal/{setUp.Case.Reference}"));

        Assert.Contains(setUp.Case.Reference, list, StringComparison.Ordinal);
        Assert.Contains("Gold mining convention", page, StringComparison.Ordinal);
        Assert.Contains("Expert selection", page, StringComparison.Ordinal);
        Assert.Contains("The unit proposed Ana Expert as an expert.", page, StringComparison.Ordinal);
        Assert.Contains("Experts proposed to you", page, StringComparison.Ordinal);
        Assert.DoesNotContain("adviser leaks", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Reputational risk", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Approve: eligible", page, StringComparison.Ordinal);
        Assert.DoesNotContain(".docx", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_focal_point_uploads_a_letter_writes_to_the_unit_and_accepts_the_proposed_expert()
    {
        var setUp = await NeedToKnowCase.CreateAsync(desk);
        var client = await desk.SignedInClientAsync(setUp.FocalPoint);
        var url = $"/portal/{setUp.Case.Reference}";
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n% Demande formelle signée\n%%EOF\n");

        var upload = await client.PostFileAsync(url, url + "?handler=Upload", Fields(setUp.Case, ("kind", "RequestLetter")), "file", "Lettre signée.pdf", pdf);
        var afterUpload = await setUp.ReloadAsync(desk);
        var write = await client.PostFormAsync(url, url + "?handler=Write", new Dictionary<string, string> { ["subject"] = "Calendrier", ["text"] = "Le prochain cycle est avancé au 12 mars." });
        var accept = await client.PostFormAsync(url, url + "?handler=Expert", Fields(afterUpload, ("engagementId", afterUpload.Engagements[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("accept", "true")));
        var after = await setUp.ReloadAsync(desk);
        var message = await desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().Messages.SingleAsync(m => m.CaseId == after.Id && m.Source == "portal"));
        var download = await client.GetAsync($"{url}?handler=Document&id={after.Documents.Single(d => d.FromGovernment).Id}");

        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, write.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, accept.StatusCode);
        var uploaded = Assert.Single(after.Documents, d => d.FromGovernment);
        Assert.Equal(("Lettre signée.pdf", CaseDocumentKind.RequestLetter, "Fatou Focal"), (uploaded.FileName, uploaded.Kind, uploaded.AddedBy));
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(setUp.FocalPoint.Email, message.FromAddress);
        Assert.Contains("avancé au 12 mars", message.TextBody, StringComparison.Ordinal);
        Assert.Equal(EngagementStatus.AcceptedByGovernment, after.Engagements[0].Status);
        Assert.Equal("Fatou Focal", after.Engagements[0].GovernmentDecisionRecordedBy);
        var page = Forms.Text(await client.GetStringAsync(url));
        Assert.Contains("The government accepted Ana Expert.", page, StringComparison.Ordinal);
        Assert.Contains("Le prochain cycle est avancé au 12 mars.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_focal_point_confirms_the_scope_the_unit_sent()
    {
        var setUp = await NeedToKnowCase.CreateAsync(desk);
        await desk.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<DeskDb>();
            var c = (await db.LoadAsync(setUp.Case.Reference, CaseActor.CommandLine))!;
            Assert.Empty(c.ProposeScope([new ExpertiseNeed(Domain.Experts.Discipline.Legal, Sector.Mining, "fr", 15, null, null)], null, CaseBuilder.Officer, CaseBuilder.Start));
            Assert.Empty(c.RecordScopeSent(c.LatestScope, "focal@mines.example", CaseBuilder.Officer, CaseBuilder.Start));
            await db.SaveChangesAsync();
        });
        var c = await setUp.ReloadAsync(desk);
        var client = await desk.SignedInClientAsync(setUp.FocalPoint);
        var url = $"/portal/{c.Reference}";

        Assert.Contains("The scope of the support, to confirm", Forms.Text(await client.GetStringAsync(url)), StringComparison.Ordinal);
        var confirm = await client.PostFormAsync(url, url + "?handler=ConfirmScope", Fields(c, ("scopeId", c.LatestScope!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))));

        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        var after = await setUp.ReloadAsync(desk);
        Assert.True(after.LatestScope!.IsConfirmed);
        Assert.Equal("Fatou Focal", after.LatestScope.ConfirmedBy);
    }

    [Fact]
    public async Task A_focal_point_answers_the_evaluation_and_a_missing_rating_keeps_what_was_typed()
    {
        var setUp = await NeedToKnowCase.CreateAsync(desk, accepted: true);
        var focal = setUp.FocalPoint;
        var c = await desk.InScopeAsync(async services =>
        {
            // Delivery and its end, as staff take them.
            var db = services.GetRequiredService<DeskDb>();
            var atDelivery = (await db.LoadAsync(setUp.Case.Reference, CaseActor.CommandLine))!;
            var engagement = atDelivery.Engagements[0];
            var signed = new CodeOfConductStanding(CaseBuilder.CodeOfConduct, new HashSet<int> { setUp.ExpertId });
            Assert.Empty(atDelivery.RecordConflictDeclaration(engagement, conflict: false, null, CaseBuilder.Officer, CaseBuilder.Start));
            Assert.True(atDelivery.Take(CaseStep.StartDelivery, new StepRequest(CaseBuilder.Officer, CaseBuilder.Start, null, signed)).Done);
            Assert.Empty(atDelivery.ContractExpert(engagement, new DateOnly(2026, 3, 1), new DateOnly(2026, 6, 30), null, CaseBuilder.Officer, CaseBuilder.Start));
            Assert.Empty(atDelivery.StartWork(engagement, CaseBuilder.Officer, CaseBuilder.Start));
            Assert.Empty(atDelivery.CompleteEngagement(engagement, CaseBuilder.Officer, CaseBuilder.Start));
            Assert.True(atDelivery.Take(CaseStep.StartEvaluation, new StepRequest(CaseBuilder.Officer, CaseBuilder.Start, null, signed)).Done);
            await db.SaveChangesAsync();
            return atDelivery;
        });
        var client = await desk.SignedInClientAsync(focal);
        var url = $"/portal/{c.Reference}";
        var ratings = Enum.GetValues<EvaluationCriterion>().Select(k => ($"rating[{k}]", "3")).ToList();

        var incomplete = Forms.Text(await (await client.PostFormAsync(url, url + "?handler=Evaluate",
            Fields(c, [.. ratings.Skip(1), ("capacityBuilt", "Notre équipe modélise désormais les redevances.")]))).Content.ReadAsStringAsync());
        var answered = await client.PostFormAsync(url, url + "?handler=Evaluate", Fields(c, [.. ratings, ("capacityBuilt", "Notre équipe modélise désormais les redevances.")]));
        var after = await desk.InScopeAsync(async services => (await services.GetRequiredService<DeskDb>().LoadAsync(c.Reference, CaseActor.CommandLine))!);

        Assert.Contains("Rate Relevance from 1 to 4.", incomplete, StringComparison.Ordinal);
        Assert.Contains("Notre équipe modélise désormais les redevances.", incomplete, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        Assert.Equal("Fatou Focal", after.Evaluation!.AnsweredBy);
        Assert.Equal(6, after.Evaluation.Answers.Count);
        Assert.Contains("The government answered the evaluation.", Forms.Text(await client.GetStringAsync(url)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_focal_point_of_another_organisation_finds_nothing_there_not_even_by_changing_ids()
    {
        var setUp = await NeedToKnowCase.CreateAsync(desk);
        var other = await desk.SignedInClientAsync(await desk.CreateUserAsync(Role.FocalPoint));
        var url = $"/portal/{setUp.Case.Reference}";
        var documentId = setUp.Case.Documents[0].Id;

        var page = await other.GetAsync(url);
        var document = await other.GetAsync($"{url}?handler=Document&id={documentId}");
        var list = Forms.Text(await other.GetStringAsync("/portal"));
        var staffPage = await other.GetAsync($"/cases/{setUp.Case.Reference}");
        var accept = await other.PostFormAsync("/portal", url + "?handler=Expert", Fields(setUp.Case, ("engagementId", setUp.Case.Engagements[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("accept", "true")));

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, document.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/portal/CNX-2026-9999")).StatusCode);
        Assert.DoesNotContain(setUp.Case.Reference, list, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, staffPage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, accept.StatusCode);
        Assert.Equal(EngagementStatus.Proposed, (await setUp.ReloadAsync(desk)).Engagements[0].Status);
    }

    [Fact]
    public async Task The_government_downloads_the_pdf_of_a_letter_sent_to_it_but_not_the_editable_docx_or_internal_files()
    {
        var setUp = await NeedToKnowCase.CreateAsync(desk);
        var client = await desk.SignedInClientAsync(setUp.FocalPoint);
        var c = setUp.Case;

        var pdf = c.Documents.Single(d => d.Kind == CaseDocumentKind.ApprovalLetter && d.ContentType == "application/pdf");
        var docx = c.Documents.Single(d => d.Kind == CaseDocumentKind.ApprovalLetter && d.ContentType != "application/pdf");
        var page = Forms.Text(await client.GetStringAsync($"/portal/{c.Reference}"));
        var docxDownload = await client.GetAsync($"/portal/{c.Reference}?handler=Document&id={docx.Id}");

        Assert.Contains(pdf.FileName, page, StringComparison.Ordinal);
        Assert.DoesNotContain(docx.FileName, page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, docxDownload.StatusCode);
    }

    [Fact]
    public async Task A_colleague_gets_an_account_only_once_a_manager_approves_and_then_chooses_a_password_by_the_mailed_link()
    {
        var setUp = await NeedToKnowCase.CreateAsync(desk);
        var focal = await desk.SignedInClientAsync(setUp.FocalPoint);
        var manager = await desk.SignedInClientAsync(await desk.CreateUserAsync(Role.Manager, "Mona Manager"));
        var colleagueEmail = $"colleague-{Guid.NewGuid():N}@mines.example";

        var ask = await focal.PostFormAsync("/portal", "/portal?handler=Invite", new Dictionary<string, string> { ["name"] = "Moussa Colleague", ["email"] = colleagueEmail, ["position"] = "Legal adviser" });
        var before = await desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().Users.AnyAsync(u => u.Email == colleagueEmail));
        var invitation = await desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().ColleagueInvitations.SingleAsync(i => i.Email == colleagueEmail));
        var waiting = Forms.Text(await manager.GetStringAsync("/access/invitations"));
        var refusedWithoutReason = Forms.Text(await (await manager.PostFormAsync("/access/invitations", "/access/invitations?handler=Decide",
            new Dictionary<string, string> { ["invitationId"] = invitation.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["approve"] = "false" })).Content.ReadAsStringAsync());
        var approve = await manager.PostFormAsync("/access/invitations", "/access/invitations?handler=Decide",
            new Dictionary<string, string> { ["invitationId"] = invitation.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["approve"] = "true" });
        var (account, mail) = await desk.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<DeskDb>();
            return (await db.Users.SingleAsync(u => u.Email == colleagueEmail), await db.Outbox.SingleAsync(m => m.ToAddress == colleagueEmail));
        });
        var focalOrganisation = await desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().Users.Where(u => u.Id == setUp.FocalPoint.Id).Select(u => u.OrganisationId).SingleAsync());

        Assert.Equal(HttpStatusCode.Redirect, ask.StatusCode);
        Assert.False(before);
        Assert.Contains("Moussa Colleague", waiting, StringComparison.Ordinal);
        Assert.Contains("Say why the invitation is refused", refusedWithoutReason, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        Assert.Equal(focalOrganisation, account.OrganisationId);
        Assert.Equal(Domain.Intake.OutgoingKind.Account, mail.Kind);
        Assert.Contains("/account/reset-password?email=", mail.TextBody, StringComparison.Ordinal);

        // The colleague follows the link, chooses a password, signs in, and sees the same request.
        var link = new Uri(mail.TextBody.Split('\n').Single(l => l.Contains("/account/reset-password", StringComparison.Ordinal)).Trim()).PathAndQuery;
        var colleague = desk.Client();
        var set = await colleague.PostFormAsync(link, link, new Dictionary<string, string> { ["password"] = "a colleague's own passphrase", ["repeat"] = "a colleague's own passphrase" });
        var signIn = await colleague.SignInAsync(colleagueEmail, "a colleague's own passphrase");
        Assert.Equal("/sign-in?passwordSet=1", set.Headers.Location?.OriginalString);
        Assert.Equal("/desk", signIn.Headers.Location?.OriginalString);
        Assert.Contains(setUp.Case.Reference, Forms.Text(await colleague.GetStringAsync("/portal")), StringComparison.Ordinal);
    }
}

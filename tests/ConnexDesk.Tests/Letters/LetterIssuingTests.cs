using System.Globalization;
using System.Net;
using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Domain.Intake;
using ConnexDesk.Features.Cases;
using ConnexDesk.Features.Letters;
using ConnexDesk.Features.Outbox;
using ConnexDesk.Infrastructure;
using ConnexDesk.Tests.Documents;
using ConnexDesk.Tests.Support;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConnexDesk.Tests.Letters;

/// <summary>Issuing letters from the case page: numbered, stored, sent, and for an approval the agreement recorded.</summary>
public abstract class LetterIssuingTests<TDesk>(TDesk desk) : IClassFixture<TDesk> where TDesk : DeskFactory
{
    private static readonly CaseActor Cli = CaseActor.CommandLine;

    private static readonly byte[] RequestLetter = RequestLetterReadingTests.Pdf(
        "République du Sénégal - Ministère des Mines et de la Géologie",
        "Objet : demande d'appui pour la renégociation de la convention minière de Kalemba",
        "Contexte : la convention de 2011 atteint l'échéance de sa clause de stabilité.",
        "Services demandés : appui juridique et modélisation fiscale.",
        "Calendrier : prochain cycle de négociation en février 2027.",
        "Le Directeur des contrats miniers, Ibrahima Sarr");

    private Task<Case> LoadAsync(string reference) =>
        desk.InScopeAsync(async services => (await services.GetRequiredService<DeskDb>().LoadAsync(reference, Cli))!);

    private static string Version(Case c) => c.Version.ToString(CultureInfo.InvariantCulture);

    /// <summary>A French-speaking case with its focal point, the request letter uploaded and marked, walked to <paramref name="stage"/>.</summary>
    private async Task<(Case Case, TestUser Officer)> CaseAtAsync(CaseStage stage, bool withContact = true, bool withRequestLetter = true)
    {
        var officer = await desk.CreateUserAsync(Role.CaseOfficer);
        var opened = await desk.InScopeAsync(async services => (await services.GetRequiredService<OpenCase>().RunAsync(
            new NewCase(new CaseDetails("SN", "Convention minière de Kalemba " + Guid.NewGuid().ToString("N")[..6], Language: "fr"),
                "Ministère des Mines et de la Géologie " + Guid.NewGuid().ToString("N")[..6], AssignedOfficerId: officer.Id,
                Contact: withContact ? new NewContact("Ibrahima Sarr", $"i.sarr.{Guid.NewGuid():N}@mines.gouv.sn", null, "Directeur des contrats miniers") : null),
            Cli)).Case!);
        if (withRequestLetter)
        {
            var client = await desk.SignedInClientAsync(officer);
            var uploaded = await client.PostFileAsync($"/cases/{opened.Reference}", $"/cases/{opened.Reference}?handler=Document",
                new Dictionary<string, string> { ["version"] = Version(opened), ["kind"] = nameof(CaseDocumentKind.RequestLetter) },
                "file", "Lettre de demande.pdf", RequestLetter);
            Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        }
        await desk.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<DeskDb>();
            var c = (await db.LoadAsync(opened.Reference, Cli))!;
            var now = DateTime.UtcNow;
            var officerActor = new CaseActor(officer.Id, "Officer", Role.CaseOfficer);
            foreach (var (step, prepare) in new (CaseStep, Action)[]
            {
                (CaseStep.AskForFormalRequest, () => { }),
                (CaseStep.RecordFormalRequest, () => { }),
                (CaseStep.StartDueDiligence, () => c.RecordEligibilityDecision(new EligibilityDecision(true, "SN", DateOnly.FromDateTime(now), "DAC:LDC", "test lists", "Senegal is on the DAC List.", true, true, now, officerActor), officerActor)),
                (CaseStep.SubmitForApproval, () =>
                {
                    c.AddDueDiligenceItem(new DueDiligenceItem("Counterparty screening", DueDiligenceStatus.Satisfied, RiskRating.Low, null));
                    c.WriteRecommendation("Approve: eligible, the counterparty is not listed.", officerActor, now);
                }),
            })
            {
                if (c.Stage == stage)
                    break;
                prepare();
                var outcome = c.Take(step, new StepRequest(officerActor, now));
                Assert.True(outcome.Done, string.Join("; ", outcome.Refusals));
            }
            Assert.Equal(stage, c.Stage);
            await db.SaveChangesAsync();
        });
        return (await LoadAsync(opened.Reference), officer);
    }

    private static async Task<HttpResponseMessage> IssueAsync(HttpClient client, Case c, LetterKind kind, string language = "fr", string? reason = null)
    {
        var fields = new Dictionary<string, string> { ["version"] = Version(c), ["kind"] = kind.ToString(), ["language"] = language };
        if (reason is not null)
            fields["reason"] = reason;
        return await client.PostFormAsync($"/cases/{c.Reference}", $"/cases/{c.Reference}?handler=Letter", fields);
    }

    [Fact]
    public async Task An_approval_letter_in_French_is_stored_sent_to_the_focal_point_and_records_the_agreement_that_Approve_requires()
    {
        var (pending, _) = await CaseAtAsync(CaseStage.PendingApproval);
        var manager = await desk.CreateUserAsync(Role.Manager);
        var client = await desk.SignedInClientAsync(manager);

        var refusedBeforehand = await client.PostFormAsync($"/cases/{pending.Reference}", $"/cases/{pending.Reference}?handler=Step",
            new Dictionary<string, string> { ["version"] = Version(pending), ["step"] = nameof(CaseStep.Approve) });
        Assert.Contains("the approval letter has not been issued", Forms.Text(await refusedBeforehand.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var issued = await IssueAsync(client, await LoadAsync(pending.Reference), LetterKind.Approval);

        Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);
        var c = await LoadAsync(pending.Reference);
        var letter = Assert.Single(c.Letters);
        Assert.Matches(@"^CNX/L/\d{4}/\d{4}$", letter.Number);
        Assert.Equal(("fr", LetterKind.Approval), (letter.Language, letter.Kind));
        var pdf = Assert.Single(c.Documents, d => d.Kind == CaseDocumentKind.ApprovalLetter && d.ContentType == "application/pdf");
        Assert.Single(c.Documents, d => d.Kind == CaseDocumentKind.ApprovalLetter && d.FileName.EndsWith(".docx", StringComparison.Ordinal));

        var agreement = c.Agreement!;
        var requestLetter = c.RequestLetter!;
        Assert.Equal((requestLetter.Sha256, requestLetter.FileName, requestLetter.AddedAt), (agreement.RequestLetterSha256, agreement.RequestLetterFileName, agreement.RequestLetterReceivedAt));
        Assert.Equal(BlobStore.Hash(RequestLetter), agreement.RequestLetterSha256);
        Assert.Equal((letter.Number, pdf.Sha256, letter.IssuedAt), (agreement.ApprovalLetterNumber, agreement.ApprovalLetterSha256, agreement.ApprovalLetterIssuedAt));
        Assert.StartsWith("Ministère des Mines et de la Géologie", agreement.SupportRecipient, StringComparison.Ordinal);
        Assert.Equal("Unité d'appui aux négociations", agreement.SupportProvider);

        var pdfBytes = await desk.InScopeAsync(services => services.GetRequiredService<BlobStore>().ReadAsync(pdf.Sha256));
        Assert.Equal(pdf.Sha256, BlobStore.Hash(pdfBytes));
        using (var read = UglyToad.PdfPig.PdfDocument.Open(pdfBytes))
        {
            var text = string.Join(" ", read.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
            Assert.Contains("Approbation", text, StringComparison.Ordinal);
            Assert.Contains(letter.Number, text, StringComparison.Ordinal);
            Assert.Contains(c.Reference, text, StringComparison.Ordinal);
            Assert.Contains("Ibrahima Sarr", text, StringComparison.Ordinal);
        }

        var mail = await desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().Outbox.AsNoTracking().SingleAsync(o => o.CaseId == c.Id && o.Kind == OutgoingKind.Letter));
        Assert.Equal(letter.SentTo, mail.ToAddress);
        Assert.StartsWith("i.sarr.", mail.ToAddress, StringComparison.Ordinal);
        Assert.Equal([pdf.Sha256], mail.AttachmentSha256s);
        Assert.Contains(c.Reference, mail.Subject, StringComparison.Ordinal);
        Assert.Contains("Veuillez trouver ci-joint notre lettre " + letter.Number, mail.TextBody, StringComparison.Ordinal);
        var composed = await desk.InScopeAsync(services => services.GetRequiredService<OutboxSender>().ComposeAsync(mail));
        var attached = Assert.Single(composed.Attachments.OfType<MimeKit.MimePart>());
        Assert.Equal((pdf.FileName, "application/pdf"), (attached.FileName, attached.ContentType.MimeType));

        // Both files of the letter are stored encrypted: neither a PDF nor a Word package lies anywhere in the data directory.
        foreach (var file in Directory.EnumerateFiles(desk.DataDirectory, "*", SearchOption.AllDirectories))
        {
            var content = System.Text.Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file));
            Assert.DoesNotContain("%PDF-", content, StringComparison.Ordinal);
            Assert.DoesNotContain("word/document.xml", content, StringComparison.Ordinal);
        }

        var page = Forms.Text(await client.GetStringAsync($"/cases/{c.Reference}"));
        Assert.Contains("Agreement", page, StringComparison.Ordinal);
        Assert.Contains(agreement.RequestLetterSha256, page, StringComparison.Ordinal);
        Assert.Contains(agreement.ApprovalLetterSha256, page, StringComparison.Ordinal);

        var approved = await client.PostFormAsync($"/cases/{c.Reference}", $"/cases/{c.Reference}?handler=Step",
            new Dictionary<string, string> { ["version"] = Version(c), ["step"] = nameof(CaseStep.Approve) });
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal(CaseStage.Approved, (await LoadAsync(c.Reference)).Stage);
    }

    [Fact]
    public async Task The_agreement_is_made_once_a_second_approval_letter_is_refused_and_changes_nothing()
    {
        var (pending, _) = await CaseAtAsync(CaseStage.PendingApproval);
        var client = await desk.SignedInClientAsync(await desk.CreateUserAsync(Role.Manager));
        await IssueAsync(client, pending, LetterKind.Approval);
        var first = await LoadAsync(pending.Reference);

        var again = await desk.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<DeskDb>();
            var c = (await db.LoadAsync(pending.Reference, Cli))!;
            return await services.GetRequiredService<IssueLetter>().RunAsync(c, new IssueLetterRequest(LetterKind.Approval, "en"), new CaseActor("someone", "Another Manager", Role.Manager));
        });

        Assert.Null(again.Letter);
        Assert.Contains("cannot be changed", again.Refusals.Single().ToString(), StringComparison.Ordinal);
        var after = await LoadAsync(pending.Reference);
        Assert.Single(after.Letters);
        Assert.Equal(first.Agreement!.ApprovalLetterSha256, after.Agreement!.ApprovalLetterSha256);
    }

    [Fact]
    public async Task Letters_are_refused_with_the_reason_when_their_conditions_are_not_met()
    {
        var (inquiry, officer) = await CaseAtAsync(CaseStage.Inquiry, withRequestLetter: false);
        var (noContact, _) = await CaseAtAsync(CaseStage.AwaitingFormalRequest, withContact: false);
        var officerClient = await desk.SignedInClientAsync(officer);
        var managerClient = await desk.SignedInClientAsync(await desk.CreateUserAsync(Role.Manager));

        var acknowledgement = Forms.Text(await (await IssueAsync(officerClient, inquiry, LetterKind.Acknowledgement)).Content.ReadAsStringAsync());
        var approval = Forms.Text(await (await IssueAsync(managerClient, inquiry, LetterKind.Approval)).Content.ReadAsStringAsync());
        var decline = Forms.Text(await (await IssueAsync(managerClient, inquiry, LetterKind.Decline, reason: "  ")).Content.ReadAsStringAsync());
        var byOfficer = Forms.Text(await (await IssueAsync(officerClient, inquiry, LetterKind.Decline, reason: "outside the mandate")).Content.ReadAsStringAsync());
        var nobodyToSendTo = Forms.Text(await (await IssueAsync(managerClient, noContact, LetterKind.Acknowledgement)).Content.ReadAsStringAsync());

        Assert.Contains("no formal request letter is on the case yet.", acknowledgement, StringComparison.Ordinal);
        Assert.Contains("An approval letter is issued when the case is pending approval", approval, StringComparison.Ordinal);
        Assert.Contains("a reason is required.", decline, StringComparison.Ordinal);
        Assert.Contains("Only managers can do this.", byOfficer, StringComparison.Ordinal);
        Assert.Contains("Add a contact with an email address", nobodyToSendTo, StringComparison.Ordinal);
        Assert.Empty((await LoadAsync(inquiry.Reference)).Letters);
        Assert.Empty((await LoadAsync(noContact.Reference)).Letters);
    }

    [Fact]
    public async Task A_decline_letter_carries_the_reason_and_lets_the_manager_decline()
    {
        var (inquiry, _) = await CaseAtAsync(CaseStage.AwaitingFormalRequest);
        var client = await desk.SignedInClientAsync(await desk.CreateUserAsync(Role.Manager));
        const string reason = "Le financement d'une concession déjà attribuée relève du conseil en transactions, hors du mandat de l'unité.";

        var declineFirst = await client.PostFormAsync($"/cases/{inquiry.Reference}", $"/cases/{inquiry.Reference}?handler=Step",
            new Dictionary<string, string> { ["version"] = Version(inquiry), ["step"] = nameof(CaseStep.Decline), ["reason"] = reason });
        Assert.Contains("no decline letter has been issued", Forms.Text(await declineFirst.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        await IssueAsync(client, await LoadAsync(inquiry.Reference), LetterKind.Decline, "fr", reason);
        var c = await LoadAsync(inquiry.Reference);
        var letter = Assert.Single(c.Letters);
        var pdf = c.Documents.Single(d => d.Sha256 == letter.PdfSha256);
        var bytes = await desk.InScopeAsync(services => services.GetRequiredService<BlobStore>().ReadAsync(pdf.Sha256));
        using (var read = UglyToad.PdfPig.PdfDocument.Open(bytes))
            Assert.Contains("hors du mandat de l'unité", string.Join(" ", read.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text)), StringComparison.Ordinal);
        var declined = await client.PostFormAsync($"/cases/{c.Reference}", $"/cases/{c.Reference}?handler=Step",
            new Dictionary<string, string> { ["version"] = Version(c), ["step"] = nameof(CaseStep.Decline), ["reason"] = reason });

        Assert.Equal(HttpStatusCode.Redirect, declined.StatusCode);
        Assert.Equal(CaseStage.Declined, (await LoadAsync(c.Reference)).Stage);
    }

    [Fact]
    public async Task Letters_issued_at_the_same_time_get_consecutive_numbers_never_the_same_one()
    {
        var cases = new List<Case>();
        for (var i = 0; i < 6; i++)
            cases.Add((await CaseAtAsync(CaseStage.FormalRequestReceived)).Case);
        var officer = new CaseActor("cli", "Command line", Role.Manager);

        var issued = await Task.WhenAll(cases.Select(c => desk.InScopeAsync(async services =>
        {
            var loaded = (await services.GetRequiredService<DeskDb>().LoadAsync(c.Reference, Cli))!;
            return await services.GetRequiredService<IssueLetter>().RunAsync(loaded, new IssueLetterRequest(LetterKind.Acknowledgement, "fr"), officer);
        })));

        var sequences = issued.Select(r => r.Letter!.Sequence).Order().ToList();
        Assert.Equal(sequences.Count, sequences.Distinct().Count());
        Assert.Equal(Enumerable.Range(sequences[0], sequences.Count), sequences);
    }

    [Fact]
    public async Task A_preview_is_a_PDF_of_the_letter_that_numbers_stores_and_sends_nothing()
    {
        var (received, officer) = await CaseAtAsync(CaseStage.FormalRequestReceived);
        var client = await desk.SignedInClientAsync(officer);
        var outboxBefore = await desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().Outbox.CountAsync());

        var preview = await client.PostFormAsync($"/cases/{received.Reference}", $"/cases/{received.Reference}?handler=LetterPreview",
            new Dictionary<string, string> { ["kind"] = nameof(LetterKind.Acknowledgement), ["language"] = "es" });

        Assert.Equal("application/pdf", preview.Content.Headers.ContentType?.MediaType);
        using (var read = UglyToad.PdfPig.PdfDocument.Open(await preview.Content.ReadAsByteArrayAsync()))
        {
            var text = string.Join(" ", read.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
            Assert.Contains("Acusamos recibo", text, StringComparison.Ordinal);
            Assert.Contains("draft, not yet numbered", text, StringComparison.Ordinal);
        }
        var after = await LoadAsync(received.Reference);
        Assert.Empty(after.Letters);
        Assert.Equal(received.Documents.Count, after.Documents.Count);
        Assert.Equal(outboxBefore, await desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().Outbox.CountAsync()));
    }

    [Fact]
    public async Task Saved_wording_writes_the_next_letters_and_each_letter_names_its_version()
    {
        var administrator = await desk.SignedInClientAsync(await desk.CreateUserAsync(Role.Administrator));
        var officer = await desk.SignedInClientAsync(await desk.CreateUserAsync(Role.CaseOfficer));
        var shipped = LetterTemplates.Shipped(LetterKind.Acknowledgement, "pt");
        var current = await desk.InScopeAsync(services => LetterTemplates.CurrentAsync(services.GetRequiredService<DeskDb>(), LetterKind.Acknowledgement, "pt"));
        const string page = "/admin/letter-templates?kind=Acknowledgement&language=pt";
        Dictionary<string, string> Form(string body, int basedOn) => new()
        {
            ["Kind"] = nameof(LetterKind.Acknowledgement),
            ["Language"] = "pt",
            ["Subject"] = shipped.Subject,
            ["Body"] = body,
            ["Signature"] = shipped.Signature,
            ["BasedOn"] = basedOn.ToString(CultureInfo.InvariantCulture),
        };

        var broken = await administrator.PostFormAsync(page, "/admin/letter-templates?handler=Save", Form("Olá {{ recipient.name ", current.Version));
        var saved = await administrator.PostFormAsync(page, "/admin/letter-templates?handler=Save", Form(shipped.Body + "\n\nO processo {{ case.reference }} é acompanhado pela unidade.", current.Version));
        var stale = await administrator.PostFormAsync(page, "/admin/letter-templates?handler=Save", Form(shipped.Body, current.Version));
        var forbidden = await officer.GetAsync(page);

        Assert.Contains("Nothing was saved: the wording has problems.", Forms.Text(await broken.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Someone saved version", Forms.Text(await stale.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, forbidden.StatusCode);
        Assert.StartsWith("/access-denied", forbidden.Headers.Location?.PathAndQuery, StringComparison.Ordinal);

        var (received, _) = await CaseAtAsync(CaseStage.FormalRequestReceived);
        var result = await desk.InScopeAsync(async services =>
            await services.GetRequiredService<IssueLetter>().RunAsync((await services.GetRequiredService<DeskDb>().LoadAsync(received.Reference, Cli))!,
                new IssueLetterRequest(LetterKind.Acknowledgement, "pt"), new CaseActor("cli", "Command line", Role.Manager)));
        Assert.Equal(current.Version + 1, result.Letter!.TemplateVersion);
        var docx = await desk.InScopeAsync(services => services.GetRequiredService<BlobStore>().ReadAsync(result.Letter.DocxSha256));
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        Assert.Contains($"O processo {received.Reference} é acompanhado pela unidade.", document.MainDocumentPart!.Document!.InnerText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anyone_can_download_the_blank_request_letter_template_in_each_language()
    {
        var client = desk.Client();

        foreach (var (language, heading) in new[] { ("en", "Background of the project"), ("fr", "Contexte du projet"), ("es", "Antecedentes del proyecto"), ("pt", "Contexto do projeto") })
        {
            var response = await client.GetAsync($"/request-letter-template/{language}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
            using var document = WordprocessingDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
            var text = document.MainDocumentPart!.Document!.InnerText;
            Assert.Contains(heading, text, StringComparison.Ordinal);
            Assert.DoesNotContain("CNX-", text, StringComparison.Ordinal);
        }
        var home = await client.GetStringAsync("/");
        Assert.Contains("/request-letter-template/pt", home, StringComparison.Ordinal);
    }
}

public sealed class LetterIssuingTestsOnSqlite(SqliteDesk desk) : LetterIssuingTests<SqliteDesk>(desk);

public sealed class LetterIssuingTestsOnPostgres(PostgresDesk desk) : LetterIssuingTests<PostgresDesk>(desk);

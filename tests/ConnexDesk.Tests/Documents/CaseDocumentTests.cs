using System.IO.Compression;
using System.Net;
using System.Text;
using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Features.Cases;
using ConnexDesk.Features.Intake;
using ConnexDesk.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConnexDesk.Tests.Documents;

/// <summary>Documents on the case page: uploads checked by content, versions, attachments kept as documents, authorised downloads.</summary>
public abstract class CaseDocumentTests<TDesk>(TDesk desk) : IClassFixture<TDesk> where TDesk : DeskFactory
{
    private Task<Case> OpenAsync(string? officerId = null) =>
        desk.InScopeAsync(async services => (await services.GetRequiredService<OpenCase>().RunAsync(
            new NewCase(new CaseDetails("SN", "Mining convention " + Guid.NewGuid()), "Ministère des Mines", AssignedOfficerId: officerId), CaseActor.CommandLine)).Case!);

    private Task<Case> LoadAsync(string reference) =>
        desk.InScopeAsync(async services => (await services.GetRequiredService<DeskDb>().LoadAsync(reference, CaseActor.CommandLine))!);

    private async Task<HttpResponseMessage> UploadAsync(HttpClient client, string reference, string fileName, byte[] content, CaseDocumentKind kind = CaseDocumentKind.RequestLetter) =>
        await client.PostFileAsync($"/cases/{reference}", $"/cases/{reference}?handler=Document",
            new Dictionary<string, string> { ["version"] = (await LoadAsync(reference)).Version.ToString(System.Globalization.CultureInfo.InvariantCulture), ["kind"] = kind.ToString() },
            "file", fileName, content);

    private static byte[] Pdf(string text) => Encoding.ASCII.GetBytes($"%PDF-1.7\n% {text}\n%%EOF\n");

    [Fact]
    public async Task A_letter_uploaded_twice_under_one_name_becomes_two_versions_both_downloadable_as_attachments()
    {
        var opened = await OpenAsync();
        var client = await desk.SignedInClientAsync(await desk.CreateUserAsync(Role.Manager));
        var first = Pdf("request letter, first draft");
        var second = Pdf("request letter, signed");

        var added = await UploadAsync(client, opened.Reference, "Lettre de demande.pdf", first);
        var again = await UploadAsync(client, opened.Reference, "Lettre de demande.pdf", second);

        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (added.StatusCode, again.StatusCode));
        var documents = (await LoadAsync(opened.Reference)).Documents.OrderBy(d => d.Version).ToList();
        Assert.Equal([(1, "application/pdf"), (2, "application/pdf")], documents.Select(d => (d.Version, d.ContentType)));
        Assert.All(documents, d => Assert.Equal(("Lettre de demande.pdf", CaseDocumentKind.RequestLetter), (d.FileName, d.Kind)));
        using var download = await client.GetAsync($"/cases/{opened.Reference}?handler=Document&id={documents[0].Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(first, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        var page = System.Text.RegularExpressions.Regex.Replace(Forms.Text(await client.GetStringAsync($"/cases/{opened.Reference}")), @"\s+", " ");
        Assert.Contains("Document added: Lettre de demande.pdf (version 2)", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_program_named_like_a_pdf_and_an_office_file_that_expands_into_a_bomb_are_refused()
    {
        var opened = await OpenAsync();
        var client = await desk.SignedInClientAsync(await desk.CreateUserAsync(Role.Manager));
        byte[] program = [0x4D, 0x5A, 0x90, 0x00, .. Encoding.ASCII.GetBytes("This program cannot be run in DOS mode.")];

        var disguised = await UploadAsync(client, opened.Reference, "contract.pdf", program);
        var bomb = await UploadAsync(client, opened.Reference, "model.docx", Bomb());

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (disguised.StatusCode, bomb.StatusCode));
        Assert.Contains("Only PDF, Word (.docx), Excel (.xlsx), PNG, JPEG and plain-text files can be added.", Forms.Text(await disguised.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("The file expands to more than 200 MB.", Forms.Text(await bomb.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Empty((await LoadAsync(opened.Reference)).Documents);
    }

    [Fact]
    public async Task An_officer_cannot_download_a_document_of_a_case_assigned_to_someone_else()
    {
        var owner = await desk.CreateUserAsync(Role.CaseOfficer);
        var opened = await OpenAsync(owner.Id);
        var ownerClient = await desk.SignedInClientAsync(owner);
        await UploadAsync(ownerClient, opened.Reference, "mandate.pdf", Pdf("mandate of the ministry"), CaseDocumentKind.Other);
        var document = (await LoadAsync(opened.Reference)).Documents.Single();
        var otherClient = await desk.SignedInClientAsync(await desk.CreateUserAsync(Role.CaseOfficer));

        using var refused = await otherClient.GetAsync($"/cases/{opened.Reference}?handler=Document&id={document.Id}");
        using var allowed = await ownerClient.GetAsync($"/cases/{opened.Reference}?handler=Document&id={document.Id}");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.OK), (refused.StatusCode, allowed.StatusCode));
    }

    [Fact]
    public async Task A_request_letter_that_came_by_mail_is_kept_as_the_cases_request_letter()
    {
        var letter = Pdf("Ministère des Mines, demande formelle d'appui " + Guid.NewGuid());
        var raw = TestImapServer.Inquiry($"<{Guid.NewGuid():N}@mines.gouv.example>", "Demande formelle", letter);
        var ingested = await desk.InScopeAsync(services => services.GetRequiredService<IngestMessage>().RunAsync(raw, "test", "test:" + Guid.NewGuid()));
        var attachment = await desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().Messages.Where(m => m.Id == ingested.MessageId).SelectMany(m => m.Attachments).SingleAsync());
        var reference = ingested.CaseReference!;
        var client = await desk.SignedInClientAsync(await desk.CreateUserAsync(Role.Manager));

        var kept = await client.PostFormAsync($"/cases/{reference}", $"/cases/{reference}?handler=KeepAttachment", new Dictionary<string, string>
        {
            ["version"] = (await LoadAsync(reference)).Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["attachmentId"] = attachment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["kind"] = nameof(CaseDocumentKind.RequestLetter),
        });

        Assert.Equal(HttpStatusCode.Redirect, kept.StatusCode);
        var document = (await LoadAsync(reference)).Documents.Single();
        Assert.Equal((CaseDocumentKind.RequestLetter, attachment.Sha256, "application/pdf"), (document.Kind, document.Sha256, document.ContentType));
        using var download = await client.GetAsync($"/cases/{reference}?handler=Document&id={document.Id}");
        Assert.Equal(letter, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_case_page_shows_what_an_uploaded_request_letter_covers()
    {
        var opened = await OpenAsync();
        var client = await desk.SignedInClientAsync(await desk.CreateUserAsync(Role.Manager));

        await UploadAsync(client, opened.Reference, "Demande formelle.pdf", RequestLetterReadingTests.Pdf(RequestLetterReadingTests.FrenchLetter));

        var page = System.Text.RegularExpressions.Regex.Replace(Forms.Text(await client.GetStringAsync($"/cases/{opened.Reference}")), @"\s+", " ");
        Assert.Contains("What the letter covers", page, StringComparison.Ordinal);
        Assert.Contains("✓ The timeline in which support is needed", page, StringComparison.Ordinal);
        Assert.Contains("La prochaine session de negociation est prevue en mars 2027.", page, StringComparison.Ordinal);
        Assert.Contains("– Experts the government would like (optional) not found: check the letter", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_letter_whose_stored_file_is_gone_is_reported_on_a_page_that_still_opens()
    {
        var opened = await OpenAsync();
        var client = await desk.SignedInClientAsync(await desk.CreateUserAsync(Role.Manager));
        await UploadAsync(client, opened.Reference, "Lettre.pdf", RequestLetterReadingTests.Pdf("Contexte du projet", "Services demandés", Guid.NewGuid().ToString()));
        var stored = (await LoadAsync(opened.Reference)).Documents.Single();
        File.Delete(desk.Services.GetRequiredService<ConnexDesk.Infrastructure.BlobStore>().PathOf(stored.Sha256));

        var response = await client.GetAsync($"/cases/{opened.Reference}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The stored file cannot be read; tell the administrator.", Forms.Text(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    /// <summary>A Word file of a few hundred kilobytes whose document part expands to 210 MB of nothing.</summary>
    private static byte[] Bomb()
    {
        using var file = new MemoryStream();
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var types = zip.CreateEntry("[Content_Types].xml").Open())
                types.Write("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"u8);
            using var body = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 210; i++)
                body.Write(zeros);
        }
        return file.ToArray();
    }
}

public sealed class CaseDocumentTestsOnSqlite(SqliteDesk desk) : CaseDocumentTests<SqliteDesk>(desk);

public sealed class CaseDocumentTestsOnPostgres(PostgresDesk desk) : CaseDocumentTests<PostgresDesk>(desk);

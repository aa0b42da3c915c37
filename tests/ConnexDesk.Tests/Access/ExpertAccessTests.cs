using System.Net;
using System.Text;
using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Audit;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Features.Cases;
using ConnexDesk.Infrastructure;
using ConnexDesk.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConnexDesk.Tests.Access;

public abstract class ExpertAccessTests<TDesk>(TDesk desk) : IClassFixture<TDesk> where TDesk : DeskFactory
{
    /// <summary>Staff share one document with the experts and keep another to themselves.</summary>
    private async Task<(CaseDocument Shared, CaseDocument Internal, byte[] SharedBytes)> AddDocumentsAsync(NeedToKnowCase setUp)
    {
        var shared = Encoding.ASCII.GetBytes("%PDF-1.7\n% Draft convention, annotated\n%%EOF\n");
        var kept = Encoding.ASCII.GetBytes("%PDF-1.7\n% Due diligence memo\n%%EOF\n");
        return await desk.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<DeskDb>();
            var blobs = services.GetRequiredService<BlobStore>();
            var c = (await db.LoadAsync(setUp.Case.Reference, CaseActor.CommandLine))!;
            var draft = new CaseDocument(CaseDocumentKind.Other, "Draft convention annotated.pdf", "application/pdf", await blobs.PutAsync(shared), shared.Length, CaseBuilder.Start, "Olga Officer");
            var memo = new CaseDocument(CaseDocumentKind.Other, "Due diligence memo.pdf", "application/pdf", await blobs.PutAsync(kept), kept.Length, CaseBuilder.Start, "Olga Officer");
            c.AddDocument(draft, CaseBuilder.Officer);
            c.AddDocument(memo, CaseBuilder.Officer);
            Assert.Empty(c.ShareWithExperts(draft, true, CaseBuilder.Officer, CaseBuilder.Start));
            await db.SaveChangesAsync();
            return (draft, memo, shared);
        });
    }

    [Fact]
    public async Task An_accepted_expert_sees_the_case_only_after_signing_the_code_and_then_only_the_shared_documents()
    {
        var setUp = await NeedToKnowCase.CreateAsync(desk, accepted: true);
        var (shared, kept, sharedBytes) = await AddDocumentsAsync(setUp);
        await NeedToKnowCase.PublishNewCodeAsync(desk);
        var client = await desk.SignedInClientAsync(setUp.Expert);
        var url = $"/my-engagements/{setUp.Case.Reference}";

        var beforeSigning = await client.GetAsync(url);
        var sharedBeforeSigning = await client.GetAsync($"{url}?handler=Document&id={shared.Id}");
        await NeedToKnowCase.SignCurrentCodeAsync(desk, setUp.Expert);
        var page = Forms.Text(await client.GetStringAsync(url));
        var sharedDownload = await client.GetAsync($"{url}?handler=Document&id={shared.Id}");
        var keptDownload = await client.GetAsync($"{url}?handler=Document&id={kept.Id}");
        var staffPage = await client.GetAsync($"/cases/{setUp.Case.Reference}");

        Assert.Equal(HttpStatusCode.NotFound, beforeSigning.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, sharedBeforeSigning.StatusCode);
        Assert.Contains("Draft convention annotated.pdf", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Due diligence memo.pdf", page, StringComparison.Ordinal);
        Assert.DoesNotContain("adviser leaks", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Reputational risk", page, StringComparison.Ordinal);
        Assert.Equal(sharedBytes, await sharedDownload.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, keptDownload.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, staffPage.StatusCode);
        var audit = await desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().AuditEntries.AsNoTracking()
            .Where(e => e.ActorId == setUp.Expert.Id && e.CaseReference == setUp.Case.Reference).ToListAsync());
        Assert.Contains(audit, e => e.Action == AuditAction.Download);
        Assert.Contains(audit, e => e.Action == AuditAction.Denied);
    }

    [Fact]
    public async Task A_new_version_of_the_code_closes_the_case_to_the_expert_on_the_very_next_request()
    {
        var setUp = await NeedToKnowCase.CreateAsync(desk, accepted: true);
        await NeedToKnowCase.SignCurrentCodeAsync(desk, setUp.Expert, publishNew: true);
        var client = await desk.SignedInClientAsync(setUp.Expert);
        var url = $"/my-engagements/{setUp.Case.Reference}";
        var open = await client.GetAsync(url);

        await NeedToKnowCase.PublishNewCodeAsync(desk);
        var closed = await client.GetAsync(url);
        await NeedToKnowCase.SignCurrentCodeAsync(desk, setUp.Expert);
        var again = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, closed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task An_expert_the_government_has_not_accepted_sees_only_the_parties_to_declare_conflicts()
    {
        var setUp = await NeedToKnowCase.CreateAsync(desk, accepted: false);
        await NeedToKnowCase.SignCurrentCodeAsync(desk, setUp.Expert);
        var client = await desk.SignedInClientAsync(setUp.Expert);

        var engagements = Forms.Text(await client.GetStringAsync("/my-engagements"));
        var casePage = await client.GetAsync($"/my-engagements/{setUp.Case.Reference}");

        Assert.Contains(setUp.Case.Reference, engagements, StringComparison.Ordinal);
        Assert.DoesNotContain("Gold mining convention", engagements, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, casePage.StatusCode);
    }

    [Fact]
    public async Task Removing_an_officer_from_a_case_closes_it_to_them_on_the_next_request()
    {
        var setUp = await NeedToKnowCase.CreateAsync(desk);
        var client = await desk.SignedInClientAsync(setUp.Officer);
        var url = $"/cases/{setUp.Case.Reference}";
        var before = await client.GetAsync(url);
        var other = await desk.CreateUserAsync(Role.CaseOfficer, "Otto Other");

        await desk.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<DeskDb>();
            var c = (await db.LoadAsync(setUp.Case.Reference, CaseActor.CommandLine))!;
            c.AssignOfficer(other.Id, "Otto Other", "Olga Officer", CaseActor.CommandLine, CaseBuilder.Start, "Reassigned");
            await db.SaveChangesAsync();
        });
        var after = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    [Fact]
    public async Task The_database_itself_hides_cases_from_people_outside_the_unit_even_without_the_pages_check()
    {
        var setUp = await NeedToKnowCase.CreateAsync(desk, accepted: true);
        var unsigned = new CaseActor(setUp.Expert.Id, "Ana Expert", Role.Expert) { ExpertId = setUp.ExpertId, SignedCurrentCode = false };
        var signed = unsigned with { SignedCurrentCode = true };
        var stranger = signed with { ExpertId = setUp.ExpertId + 1000 };
        var organisationId = setUp.Case.OrganisationId;

        async Task<bool> SeesAsync(CaseActor reader) => await desk.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<DeskDb>();
            db.ReadFor(reader);
            // No VisibleTo here: only the query filter stands between the reader and the case.
            return await db.Cases.AnyAsync(c => c.Reference == setUp.Case.Reference);
        });

        Assert.True(await SeesAsync(new CaseActor("f", "Focal", Role.FocalPoint) { OrganisationId = organisationId }));
        Assert.False(await SeesAsync(new CaseActor("f", "Focal", Role.FocalPoint) { OrganisationId = organisationId + 1000 }));
        Assert.False(await SeesAsync(new CaseActor("f", "Focal", Role.FocalPoint)));
        Assert.True(await SeesAsync(signed));
        Assert.False(await SeesAsync(unsigned));
        Assert.False(await SeesAsync(stranger));
        Assert.False(await SeesAsync(new CaseActor("a", "Admin", Role.Administrator)));
        Assert.Throws<InvalidOperationException>(() => desk.Services.CreateScope().ServiceProvider.GetRequiredService<DeskDb>().ReadFor(CaseBuilder.Officer));
    }
}

public sealed class ExpertAccessTestsOnSqlite(SqliteDesk desk) : ExpertAccessTests<SqliteDesk>(desk);

public sealed class ExpertAccessTestsOnPostgres(PostgresDesk desk) : ExpertAccessTests<PostgresDesk>(desk);

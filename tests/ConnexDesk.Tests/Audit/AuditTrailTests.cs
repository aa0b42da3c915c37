using System.Globalization;
using System.Net;
using System.Text;
using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Audit;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Features.Audit;
using ConnexDesk.Features.Cases;
using ConnexDesk.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConnexDesk.Tests.Audit;

/// <summary>The audit trail on a real database: what is recorded, the database refusing changes, and the chain catching tampering.</summary>
public abstract class AuditTrailTests<TDesk>(TDesk desk) : IClassFixture<TDesk> where TDesk : DeskFactory
{
    private Task<List<AuditEntry>> EntriesAsync() =>
        desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync());

    private async Task<(Case Case, TestUser Officer)> CaseWithDocumentAsync()
    {
        var officer = await desk.CreateUserAsync(Role.CaseOfficer);
        var c = await desk.InScopeAsync(async services =>
        {
            var opened = (await services.GetRequiredService<OpenCase>().RunAsync(new NewCase(new CaseDetails("SN", "Audit " + Guid.NewGuid().ToString("N")[..6]),
                "Ministère " + Guid.NewGuid().ToString("N")[..6], AssignedOfficerId: officer.Id), CaseActor.CommandLine)).Case!;
            var db = services.GetRequiredService<DeskDb>();
            var found = (await db.LoadAsync(opened.Reference, CaseActor.CommandLine))!;
            var bytes = Encoding.UTF8.GetBytes("Lettre " + Guid.NewGuid());
            var sha = await services.GetRequiredService<ConnexDesk.Infrastructure.BlobStore>().PutAsync(bytes);
            found.AddDocument(new CaseDocument(CaseDocumentKind.RequestLetter, "lettre.txt", "text/plain", sha, bytes.Length, DateTime.UtcNow, "Officer"), CaseActor.CommandLine);
            await db.SaveChangesAsync();
            return found;
        });
        return (c, officer);
    }

    [Fact]
    public async Task Reads_downloads_changes_and_denied_requests_are_recorded_with_who_when_where_and_which_case()
    {
        var (c, officerUser) = await CaseWithDocumentAsync();
        var stranger = await desk.CreateUserAsync(Role.CaseOfficer);
        var officer = await desk.SignedInClientAsync(officerUser);
        var other = await desk.SignedInClientAsync(stranger);
        var before = DateTime.UtcNow.AddSeconds(-1);

        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/cases/{c.Reference}")).StatusCode);
        var document = c.Documents.Single();
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/cases/{c.Reference}?handler=Document&id={document.Id}")).StatusCode);
        var noted = await officer.PostFormAsync($"/cases/{c.Reference}", $"/cases/{c.Reference}?handler=Note", new Dictionary<string, string>
        {
            ["version"] = c.Version.ToString(CultureInfo.InvariantCulture),
            ["text"] = "Appelé le ministère.",
        });
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/cases/{c.Reference}")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, noted.StatusCode);
        var entries = (await EntriesAsync()).Where(e => e.CaseReference == c.Reference).ToList();
        // The page is read twice: once at the start, once by the form helper fetching the form before posting the note.
        var read = entries.First(e => e.Action == AuditAction.Read && e.ActorId == officerUser.Id && e.Target == "/Cases/Detail");
        Assert.True(read.At >= before && read.At <= DateTime.UtcNow.AddSeconds(1), $"recorded at {read.At:O}");
        Assert.Single(entries, e => e.Action == AuditAction.Download && e.ActorId == officerUser.Id && e.Target == $"/Cases/Detail (Document) #{document.Id}");
        Assert.Single(entries, e => e.Action == AuditAction.Change && e.Target == "/Cases/Detail (Note)");
        Assert.Single(entries, e => e.Action == AuditAction.Denied && e.ActorId == stranger.Id);
        Assert.All(entries, e => Assert.False(string.IsNullOrEmpty(e.ActorName)));
    }

    [Fact]
    public async Task Sign_ins_failed_sign_ins_and_new_accounts_are_recorded()
    {
        var user = await desk.CreateUserAsync(Role.Manager, "Mona Audit");
        var client = desk.Client();

        await client.SignInAsync(user.Email, "not the password at all");
        await client.SignInAsync($"nobody-{Guid.NewGuid():N}@test.connexdesk.org", "whatever it is");
        await client.SignInAsync(user);

        var entries = await EntriesAsync();
        Assert.Single(entries, e => e.Action == AuditAction.PermissionChange && e.Target == $"account {user.Email} created as Manager");
        Assert.Single(entries, e => e.Action == AuditAction.SignInFailed && e.ActorId == user.Id && e.Target == "wrong password");
        Assert.Single(entries, e => e.Action == AuditAction.SignInFailed && e.ActorId == "" && e.Target.StartsWith("unknown email nobody-", StringComparison.Ordinal));
        Assert.Single(entries, e => e.Action == AuditAction.SignIn && e.ActorId == user.Id && e.ActorName == "Mona Audit");
    }

    [Fact]
    public async Task The_database_refuses_to_change_or_delete_an_audit_entry()
    {
        await desk.CreateUserAsync(Role.CaseOfficer);

        var update = await Assert.ThrowsAnyAsync<Exception>(() => desk.InScopeAsync(services =>
            services.GetRequiredService<DeskDb>().Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"Target\" = 'nothing happened'")));
        var delete = await Assert.ThrowsAnyAsync<Exception>(() => desk.InScopeAsync(services =>
            services.GetRequiredService<DeskDb>().Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\"")));

        Assert.Contains("audit entries cannot be", update.Message, StringComparison.Ordinal);
        Assert.Contains("audit entries cannot be", delete.Message, StringComparison.Ordinal);
        Assert.Null((await desk.InScopeAsync(services => AuditTrail.VerifyAsync(services.GetRequiredService<DeskDb>()))).Break);
    }

    [Fact]
    public async Task An_entry_changed_behind_the_desks_back_is_named_by_the_verification()
    {
        for (var i = 0; i < 3; i++)
            await desk.CreateUserAsync(Role.CaseOfficer);
        var entries = await EntriesAsync();
        var victim = entries[^2];
        var intact = await desk.InScopeAsync(services => AuditTrail.VerifyAsync(services.GetRequiredService<DeskDb>()));

        // Someone with the database's owner rights turns the protection off and edits an entry.
        await TamperAsync(victim.Sequence, "account nobody@example.org created as CaseOfficer");
        var verified = await desk.InScopeAsync(services => AuditTrail.VerifyAsync(services.GetRequiredService<DeskDb>()));
        await TamperAsync(victim.Sequence, victim.Target);
        var restored = await desk.InScopeAsync(services => AuditTrail.VerifyAsync(services.GetRequiredService<DeskDb>()));

        Assert.Null(intact.Break);
        Assert.Equal(victim.Sequence, verified.Break!.Sequence);
        Assert.Contains("does not match its hash", verified.Break.Problem, StringComparison.Ordinal);
        Assert.Equal(victim.Sequence - 1, verified.Entries);
        Assert.Null(restored.Break);
    }

    [Fact]
    public async Task A_manager_filters_the_trail_by_case_and_exports_it_and_an_officer_cannot_see_it()
    {
        var (c, officerUser) = await CaseWithDocumentAsync();
        var officer = await desk.SignedInClientAsync(officerUser);
        await officer.GetAsync($"/cases/{c.Reference}");
        var manager = await desk.SignedInClientAsync(await desk.CreateUserAsync(Role.Manager));

        var page = await manager.GetStringAsync($"/audit?case={c.Reference}");
        var export = await manager.GetAsync($"/audit?handler=Export&case={c.Reference}");
        var verify = await manager.GetStringAsync("/audit?handler=Verify");
        var asOfficer = await officer.GetAsync("/audit");
        if (asOfficer.Headers.Location is { } deniedPage)
            await officer.GetAsync(deniedPage);

        Assert.Contains("/Cases/Detail", Forms.Text(page), StringComparison.Ordinal);
        Assert.Equal("text/csv", export.Content.Headers.ContentType!.MediaType);
        var csv = (await export.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("sequence,at,actorId,actor,address,case,action,object,previousHash,hash", csv[0].Trim('\uFEFF', '\r'));
        Assert.Contains(csv.Skip(1), line => line.Contains(officerUser.Id, StringComparison.Ordinal) && line.Contains(",Read,/Cases/Detail,", StringComparison.Ordinal));
        Assert.All(csv.Skip(1), line => Assert.Contains($",{c.Reference},", line, StringComparison.Ordinal));
        Assert.Contains("The chain is intact", Forms.Text(verify), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, asOfficer.StatusCode);
        Assert.Contains(await EntriesAsync(), e => e.Action == AuditAction.Denied && e.ActorId == officerUser.Id && e.Target == "/audit (role)");
        var exported = (await EntriesAsync()).Last(e => e.Action == AuditAction.Export);
        Assert.Equal("/Audit/AuditLog (Export)", exported.Target);
    }

    /// <summary>Sets an entry's target with the append-only protection switched off for the moment, as the owner of the database could.</summary>
    private Task TamperAsync(long sequence, string target) => desk.InScopeAsync(async services =>
    {
        var db = services.GetRequiredService<DeskDb>();
        var sql = desk.Provider == ConnexDesk.Infrastructure.DatabaseProvider.Postgres
            ? """
              ALTER TABLE "AuditEntries" DISABLE TRIGGER "AuditEntries_append_only";
              UPDATE "AuditEntries" SET "Target" = {0} WHERE "Sequence" = {1};
              ALTER TABLE "AuditEntries" ENABLE TRIGGER "AuditEntries_append_only";
              """
            : """
              DROP TRIGGER "AuditEntries_no_update";
              UPDATE "AuditEntries" SET "Target" = {0} WHERE "Sequence" = {1};
              CREATE TRIGGER "AuditEntries_no_update" BEFORE UPDATE ON "AuditEntries" BEGIN SELECT RAISE(ABORT, 'audit entries cannot be changed'); END;
              """;
        await db.Database.ExecuteSqlRawAsync(sql, target, sequence);
    });
}

public sealed class AuditTrailTestsOnSqlite(SqliteDesk desk) : AuditTrailTests<SqliteDesk>(desk);

public sealed class AuditTrailTestsOnPostgres(PostgresDesk desk) : AuditTrailTests<PostgresDesk>(desk);

using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Features.Cases;
using ConnexDesk.Features.Experts;
using ConnexDesk.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConnexDesk.Tests.Access;

/// <summary>A case of a focal point's organisation at expert selection, with staff, an expert on the roster, and what staff keep to themselves.</summary>
internal sealed record NeedToKnowCase(Case Case, TestUser FocalPoint, TestUser Officer, TestUser Expert, int ExpertId)
{
    public const string InternalNote = "Internal: the adviser leaks to the investor; keep him off the distribution list.";

    private static int LastNumber = 7000;

    public static async Task<NeedToKnowCase> CreateAsync(DeskFactory desk, bool accepted = false)
    {
        var focal = await desk.CreateUserAsync(Role.FocalPoint, "Fatou Focal");
        var officer = await desk.CreateUserAsync(Role.CaseOfficer, "Olga Officer");
        var expert = await desk.CreateUserAsync(Role.Expert, "Ana Expert");
        var number = Interlocked.Increment(ref LastNumber);
        return await desk.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<DeskDb>();
            var imported = await services.GetRequiredService<ExpertRoster>().ImportAsync(System.Text.Encoding.UTF8.GetBytes(
                RosterFile.Columns + $"\nAna Expert,{expert.Email},PT,pt;en;fr,Legal,Mining,GN,900,EUR,\n"));
            Assert.True(imported.Succeeded, string.Join("; ", imported.Problems));
            var expertId = (await db.Experts.SingleAsync(e => e.Email == expert.Email)).Id;
            var organisationId = (await db.Users.SingleAsync(u => u.Id == focal.Id)).OrganisationId;
            var builder = new CaseBuilder { LettersBefore = number * 10 };
            var c = builder.At(CaseStage.ExpertSelection, officer.Id, organisationId, number);
            c.AddNote(InternalNote, CaseBuilder.Officer, CaseBuilder.Start);
            var engagement = builder.Propose(c, expertId, "Ana Expert");
            if (accepted)
                Assert.Empty(c.RecordGovernmentDecision(engagement, accepted: true, null, CaseBuilder.Officer, CaseBuilder.Start));
            db.Cases.Add(c);
            await db.SaveChangesAsync();
            return new NeedToKnowCase(c, focal, officer, expert, expertId);
        });
    }

    public Task<Case> ReloadAsync(DeskFactory desk) =>
        desk.InScopeAsync(async services => (await services.GetRequiredService<DeskDb>().LoadAsync(Case.Reference, CaseActor.CommandLine))!);

    public static async Task SignCurrentCodeAsync(DeskFactory desk, TestUser expert, bool publishNew = false) =>
        await desk.InScopeAsync(async services =>
        {
            var register = services.GetRequiredService<CodeOfConductRegister>();
            var current = await register.CurrentAsync();
            if (current is null || publishNew)
                current = (await register.PublishAsync("v-" + Guid.NewGuid().ToString("N")[..8], "Confidentiality; integrity; on behalf of the host government.", "test")).Version;
            var entry = (await register.ExpertForAsync(expert.Email))!;
            if (!(await register.StandingAsync([entry.Id]))!.SignedBy.Contains(entry.Id))
            {
                var (signature, refusals) = await register.SignAsync(entry, current!.Id, current.Sha256, entry.Name, consent: true, expert.Id);
                Assert.True(signature is not null, string.Join("; ", refusals));
            }
        });

    public static Task PublishNewCodeAsync(DeskFactory desk) =>
        desk.InScopeAsync(services => services.GetRequiredService<CodeOfConductRegister>().PublishAsync("v-" + Guid.NewGuid().ToString("N")[..8], "A stricter confidentiality clause.", "test"));
}

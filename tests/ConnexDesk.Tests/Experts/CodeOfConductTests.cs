using System.Globalization;
using System.Net;
using System.Text;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Experts;
using ConnexDesk.Features.Experts;
using ConnexDesk.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ConnexDesk.Tests.Experts;

/// <summary>Signing the Code of Conduct: the exact text, the expert's own name, explicit consent, again for each new version.</summary>
public sealed class CodeOfConductRulesTests
{
    private static readonly DateTime At = new(2026, 11, 27, 10, 0, 0, DateTimeKind.Utc);
    private static readonly Expert Awa = new("Awa Ndiaye-Sène", "awa@example.org", At);
    private static readonly CodeOfConductVersion Current = new("2026-1", "## Confidentiality\nEverything stays confidential.", At, "Admin");

    [Fact]
    public void The_expert_signs_with_their_own_name_in_any_case_or_accents_after_consenting()
    {
        var (signature, refusals) = CodeOfConductSignature.Sign(Awa, Current, Current, Current.Sha256, "awa ndiaye sene", consent: true, At, "user-1");

        Assert.Empty(refusals);
        Assert.Equal((Current.Sha256, "2026-1", true), (signature!.TextSha256, signature.VersionLabel, signature.Consented));
        Assert.Equal(CodeOfConductVersion.HashOf("## Confidentiality\nEverything stays confidential."), Current.Sha256);
    }

    [Fact]
    public void Without_consent_with_another_name_or_on_a_text_that_is_no_longer_in_force_nothing_is_signed()
    {
        var newer = new CodeOfConductVersion("2026-2", "## Confidentiality\nEverything stays confidential, also after the end of the engagement.", At.AddDays(1), "Admin");

        var noConsent = CodeOfConductSignature.Sign(Awa, Current, Current, Current.Sha256, "Awa Ndiaye-Sène", consent: false, At, "u");
        var otherName = CodeOfConductSignature.Sign(Awa, Current, Current, Current.Sha256, "A. Ndiaye", consent: true, At, "u");
        var stale = CodeOfConductSignature.Sign(Awa, Current, newer, Current.Sha256, "Awa Ndiaye-Sène", consent: true, At, "u");
        var otherText = CodeOfConductSignature.Sign(Awa, Current, Current, new string('0', 64), "Awa Ndiaye-Sène", consent: true, At, "u");

        Assert.Contains("Tick the box", noConsent.Refusals.Single().ToString(), StringComparison.Ordinal);
        Assert.Contains("as the roster has it: Awa Ndiaye-Sène", otherName.Refusals.Single().ToString(), StringComparison.Ordinal);
        Assert.Contains("newer version", stale.Refusals.Single().ToString(), StringComparison.Ordinal);
        Assert.Contains("newer version", otherText.Refusals.Single().ToString(), StringComparison.Ordinal);
        Assert.All(new[] { noConsent, otherName, stale, otherText }, r => Assert.Null(r.Signature));
    }
}

/// <summary>The Code of Conduct pages, for administrators and experts.</summary>
public abstract class CodeOfConductPageTests<TDesk>(TDesk desk) : IClassFixture<TDesk> where TDesk : DeskFactory
{
    [Fact]
    public async Task An_expert_signs_the_version_in_force_and_signs_again_when_a_new_one_is_published()
    {
        var administrator = await desk.SignedInClientAsync(await desk.CreateUserAsync(Role.Administrator));
        var expertUser = await desk.CreateUserAsync(Role.Expert);
        var officer = await desk.SignedInClientAsync(await desk.CreateUserAsync(Role.CaseOfficer));
        await desk.InScopeAsync(services => services.GetRequiredService<ExpertRoster>().ImportAsync(Encoding.UTF8.GetBytes(
            RosterFile.Columns + $"\nAwa Ndiaye,{expertUser.Email},SN,fr,Legal,Mining,,,,\n")));
        var label = "v" + Guid.NewGuid().ToString("N")[..6];
        await administrator.PostFormAsync("/admin/code-of-conduct", new Dictionary<string, string> { ["Label"] = label, ["Text"] = "## Confidentiality\nNothing leaves the case." });
        var expert = await desk.SignedInClientAsync(expertUser);

        var page = await expert.GetStringAsync("/code-of-conduct");
        var version = await desk.InScopeAsync(services => services.GetRequiredService<CodeOfConductRegister>().CurrentAsync());
        Assert.Contains("Nothing leaves the case.", page, StringComparison.Ordinal);
        var fields = new Dictionary<string, string>
        {
            ["versionId"] = version!.Id.ToString(CultureInfo.InvariantCulture),
            ["shownSha256"] = version.Sha256,
            ["typedName"] = "Awa Ndiaye",
            ["consent"] = "true",
        };
        var signed = await expert.PostFormAsync("/code-of-conduct", fields);
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        var signatures = await desk.InScopeAsync(async services =>
        {
            var register = services.GetRequiredService<CodeOfConductRegister>();
            return await register.SignaturesAsync((await register.ExpertForAsync(expertUser.Email))!.Id);
        });
        Assert.Equal((version.Sha256, label), (signatures.Single().TextSha256, signatures.Single().VersionLabel));

        var record = await expert.GetAsync($"/code-of-conduct?handler=Record&id={signatures.Single().Id}");
        using (var pdf = UglyToad.PdfPig.PdfDocument.Open(await record.Content.ReadAsByteArrayAsync()))
        {
            var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
            Assert.Contains("Awa Ndiaye", text, StringComparison.Ordinal);
            Assert.Contains(version.Sha256, text, StringComparison.Ordinal);
        }

        await administrator.PostFormAsync("/admin/code-of-conduct", new Dictionary<string, string> { ["Label"] = label + "b", ["Text"] = "## Confidentiality\nNothing leaves the case, ever." });
        var newer = await desk.InScopeAsync(services => services.GetRequiredService<CodeOfConductRegister>().CurrentAsync());
        // A form drawn from the old text, sent for the new version: the expert did not read what they would sign.
        fields["versionId"] = newer!.Id.ToString(CultureInfo.InvariantCulture);
        var stale = Forms.Text(await (await expert.PostFormAsync("/code-of-conduct", fields)).Content.ReadAsStringAsync());
        var again = Forms.Text(await expert.GetStringAsync("/code-of-conduct"));
        var forbidden = await officer.GetAsync("/code-of-conduct");

        Assert.Contains("newer version", stale, StringComparison.Ordinal);
        Assert.Contains($"Sign version {label}b", again, StringComparison.Ordinal);
        Assert.StartsWith("/access-denied", forbidden.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }
}

public sealed class CodeOfConductPageTestsOnSqlite(SqliteDesk desk) : CodeOfConductPageTests<SqliteDesk>(desk);

public sealed class CodeOfConductPageTestsOnPostgres(PostgresDesk desk) : CodeOfConductPageTests<PostgresDesk>(desk);

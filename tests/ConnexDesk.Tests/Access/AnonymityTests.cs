using System.Net;
using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Features.Cases;
using ConnexDesk.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ConnexDesk.Tests.Access;

public sealed class AnonymityTests(SqliteDesk desk) : IClassFixture<SqliteDesk>
{
    [Fact]
    public void A_published_line_names_the_country_only_with_consent_and_only_for_an_agreement()
    {
        var builder = new CaseBuilder();
        var approved = builder.At(CaseStage.Approved);
        var inquiry = CaseBuilder.NewInquiry();

        var anonymous = PublishedSupport.Of(approved);
        Assert.Empty(approved.RecordPublicationConsent("H.E. the Minister of Mines", new DateOnly(2026, 3, 1), CaseBuilder.Officer, CaseBuilder.Start.AddDays(1)));
        var named = PublishedSupport.Of(approved);

        Assert.Null(PublishedSupport.Of(inquiry));
        Assert.Null(anonymous!.CountryCode);
        Assert.Equal("SN", named!.CountryCode);
        Assert.Equal(("H.E. the Minister of Mines", new DateOnly(2026, 3, 1), "Olga Officer"), (approved.PublicationConsentGivenBy, approved.PublicationConsentGivenOn, approved.PublicationConsentRecordedBy));
    }

    [Fact]
    public void Consent_needs_who_and_a_day_not_in_the_future_and_only_staff_record_it()
    {
        var c = new CaseBuilder().At(CaseStage.Approved);
        var focal = new CaseActor("f", "Fatou Focal", Role.FocalPoint);

        Assert.Equal(2, c.RecordPublicationConsent(" ", DateOnly.FromDateTime(CaseBuilder.Start.AddDays(3)), CaseBuilder.Officer, CaseBuilder.Start).Count);
        Assert.Single(c.RecordPublicationConsent("The minister", new DateOnly(2026, 3, 1), focal, CaseBuilder.Start));
        Assert.False(c.CountryNameMayBePublished);
        Assert.Single(c.WithdrawPublicationConsent("by phone", CaseBuilder.Officer, CaseBuilder.Start));
    }

    [Fact]
    public void Withdrawn_consent_leaves_the_name_out_again_and_the_history_keeps_both()
    {
        var c = new CaseBuilder().At(CaseStage.Approved);
        Assert.Empty(c.RecordPublicationConsent("The minister", new DateOnly(2026, 3, 1), CaseBuilder.Officer, CaseBuilder.Start.AddDays(1)));
        Assert.Empty(c.WithdrawPublicationConsent("The minister's office, by email of 4 March", CaseBuilder.Officer, CaseBuilder.Start.AddDays(2)));

        Assert.Null(PublishedSupport.Of(c)!.CountryCode);
        Assert.Equal(2, c.History.Count(h => h.Field == "Consent to publish the country's name"));
    }

    [Fact]
    public async Task The_public_page_and_its_csv_leave_the_country_out_until_staff_record_its_consent()
    {
        var officer = await desk.CreateUserAsync(Role.CaseOfficer, "Olga Officer");
        var reference = await desk.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<DeskDb>();
            var organisation = new RequestingOrganisation("Ministère des Mines (anonymity)", "GN", GovernmentLevel.National);
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync();
            var c = new CaseBuilder { LettersBefore = 900 }.At(CaseStage.Approved, officer.Id, organisation.Id, number: 8800);
            Assert.Contains("Country", c.ChangeDetails(new CaseDetails("GN", "Bauxite convention of Kindia", Sector: Sector.Mining), CaseBuilder.Officer, CaseBuilder.Start, null));
            db.Cases.Add(c);
            await db.SaveChangesAsync();
            return c.Reference;
        });
        var anonymous = desk.Client();
        var staff = await desk.SignedInClientAsync(officer);

        var before = Forms.Text(await anonymous.GetStringAsync("/support-given"));
        var csvBefore = await anonymous.GetStringAsync("/support-given?handler=Csv");
        var version = (await desk.InScopeAsync(async services => (await services.GetRequiredService<DeskDb>().LoadAsync(reference, CaseActor.CommandLine))!)).Version;
        var consent = await staff.PostFormAsync($"/cases/{reference}", $"/cases/{reference}?handler=Consent", new Dictionary<string, string>
        {
            ["version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["givenBy"] = "La Ministre des Mines",
            ["givenOn"] = "2026-03-01",
        });
        var after = Forms.Text(await anonymous.GetStringAsync("/support-given"));
        // Signed in, someone outside the unit sees the same public page, not just their own organisation's lines.
        var focalOfAnother = await desk.SignedInClientAsync(await desk.CreateUserAsync(Role.FocalPoint));
        var afterSignedIn = Forms.Text(await focalOfAnother.GetStringAsync("/support-given"));
        var csvAfter = await anonymous.GetStringAsync("/support-given?handler=Csv");

        Assert.DoesNotContain("Guinea", before, StringComparison.Ordinal);
        Assert.DoesNotContain("Guinea", csvBefore, StringComparison.Ordinal);
        Assert.Contains("name withheld", csvBefore, StringComparison.Ordinal);
        Assert.DoesNotContain("Kindia", before + csvBefore + after + csvAfter, StringComparison.Ordinal);
        Assert.DoesNotContain(reference, before + csvBefore + after + csvAfter, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, consent.StatusCode);
        Assert.Contains("Guinea", after, StringComparison.Ordinal);
        Assert.Contains("Guinea", afterSignedIn, StringComparison.Ordinal);
        Assert.Contains("2026,Guinea,Mining", csvAfter, StringComparison.Ordinal);

        var consented = await desk.InScopeAsync(async services => (await services.GetRequiredService<DeskDb>().LoadAsync(reference, CaseActor.CommandLine))!);
        var withdraw = await staff.PostFormAsync($"/cases/{reference}", $"/cases/{reference}?handler=WithdrawConsent", new Dictionary<string, string>
        {
            ["version"] = consented.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["withdrawal"] = "The minister's office, by email of 4 March",
        });
        Assert.Equal(HttpStatusCode.Redirect, withdraw.StatusCode);
        Assert.Equal("La Ministre des Mines", consented.PublicationConsentGivenBy);
        Assert.DoesNotContain("Guinea", Forms.Text(await anonymous.GetStringAsync("/support-given")), StringComparison.Ordinal);
    }
}

using System.Net;
using ConnexDesk.Data;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Domain.Intake;
using ConnexDesk.Features.Cases;
using ConnexDesk.Infrastructure;
using ConnexDesk.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConnexDesk.Tests.Intake;

public sealed class ContactDesk : DeskFactory
{
    public ContactDesk() : base(DatabaseProvider.Sqlite) => Settings["Desk:ContactFormPerHour"] = "1000";
}

public sealed class RateLimitedContactDesk : DeskFactory
{
    public RateLimitedContactDesk() : base(DatabaseProvider.Sqlite) => Settings["Desk:ContactFormPerHour"] = "2";
}

public sealed class ContactFormTests(ContactDesk desk) : IClassFixture<ContactDesk>
{
    public static Dictionary<string, string> Form(string about, string? website = null) => new()
    {
        ["Input.Name"] = "Mariama Baldé",
        ["Input.Position"] = "Directrice des hydrocarbures",
        ["Input.Ministry"] = "Ministère des Ressources naturelles",
        ["Input.CountryCode"] = "GW",
        ["Input.Email"] = "m.balde@recursos.example",
        ["Input.Phone"] = "+245 000 000",
        ["Input.About"] = about,
        ["Input.Timeline"] = "Prochaine session en février.",
        ["Website"] = website ?? "",
    };

    [Fact]
    public async Task The_form_opens_an_inquiry_with_the_message_on_it_as_an_email_would()
    {
        var about = $"Renégociation d'un contrat pétrolier offshore {Guid.NewGuid():N}";

        var response = await desk.Client().PostFormAsync("/contact", Form(about));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/contact/thanks?reference=CNX-", location, StringComparison.Ordinal);
        var reference = location.Split('=')[1];
        var (opened, message) = await desk.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<DeskDb>();
            var found = (await db.LoadAsync(reference, CaseActor.CommandLine))!;
            return (found, await db.Messages.SingleAsync(m => m.CaseId == found.Id));
        });
        Assert.Equal(("GW", CaseStage.Inquiry), (opened.CountryCode, opened.Stage));
        Assert.Equal("Ministère des Ressources naturelles: " + about, opened.Title);
        Assert.Equal(("contact-form", "m.balde@recursos.example", "Mariama Baldé"), (message.Source, message.FromAddress, message.FromName));
        Assert.Contains("Prochaine session en février.", message.TextBody, StringComparison.Ordinal);
        Assert.Equal(about, opened.Summary);
        var organisation = await desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().Organisations.SingleAsync(o => o.Id == opened.OrganisationId));
        Assert.Equal(("Ministère des Ressources naturelles", "GW"), (organisation.Name, organisation.CountryCode));
        var contact = await desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().Organisations.Where(o => o.Id == opened.OrganisationId).SelectMany(o => o.Contacts).SingleAsync());
        Assert.Equal(("Mariama Baldé", "Directrice des hydrocarbures", "m.balde@recursos.example"), (contact.Name, contact.Position, contact.Email));
        var acknowledgement = await desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().Outbox.SingleAsync(o => o.CaseId == opened.Id));
        Assert.Equal(("m.balde@recursos.example", "en", $"[{reference}] We have received your message"), (acknowledgement.ToAddress, acknowledgement.Language, acknowledgement.Subject));
        var thanks = Forms.Text(await desk.Client().GetStringAsync(location));
        Assert.Contains($"Its reference is {reference}.", thanks, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bot_filling_the_hidden_field_is_thanked_and_nothing_is_stored()
    {
        var before = await desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().Messages.CountAsync());

        var response = await desk.Client().PostFormAsync("/contact", Form("Buy cheap watches", website: "https://spam.example"));

        Assert.Equal("/contact/thanks", response.Headers.Location?.OriginalString);
        Assert.Equal(before, await desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().Messages.CountAsync()));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "Please write plain text, without HTML.")]
    [InlineData("", "Say in a few words what the negotiation is about.")]
    public async Task Bad_input_is_refused_with_a_reason_and_what_was_typed_is_kept(string about, string reason)
    {
        var response = await desk.Client().PostFormAsync("/contact", Form(about));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(reason, Forms.Text(html), StringComparison.Ordinal);
        Assert.Contains("value=\"Mariama Baldé\"", html, StringComparison.Ordinal);
    }
}

public sealed class ContactFormRateLimitTests(RateLimitedContactDesk desk) : IClassFixture<RateLimitedContactDesk>
{
    [Fact]
    public async Task A_third_message_within_the_hour_from_one_address_is_refused_politely()
    {
        var client = desk.Client();
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
            answers.Add(await client.PostFormAsync("/contact", ContactFormTests.Form($"Message {i} {Guid.NewGuid():N}")));

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], answers.Select(a => a.StatusCode));
        Assert.Contains("Several messages have come from your address in the last hour.", Forms.Text(await answers[2].Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }
}

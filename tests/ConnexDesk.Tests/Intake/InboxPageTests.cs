using System.Net;
using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Domain.Intake;
using ConnexDesk.Features.Cases;
using ConnexDesk.Features.Intake;
using ConnexDesk.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConnexDesk.Tests.Intake;

public sealed class InboxPageTests(SqliteDesk desk) : IClassFixture<SqliteDesk>
{
    private static byte[] Mail(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Intake", "Mail", name));

    private Task<IngestResult> IngestAsync(string file) =>
        desk.InScopeAsync(services => services.GetRequiredService<IngestMessage>().RunAsync(Mail(file), "test", "test:" + file));

    [Fact]
    public async Task Staff_see_unfiled_and_quarantined_mail_inspect_it_as_text_and_file_it_on_a_case()
    {
        var automatic = await IngestAsync("auto-reply.eml");
        var quarantined = await IngestAsync("deeply-nested.eml");
        var opened = await desk.InScopeAsync(async services => (await services.GetRequiredService<OpenCase>().RunAsync(
            new NewCase(new CaseDetails("SN", "Mining convention"), "Ministère des Mines"), CaseActor.CommandLine)).Case!);
        var client = await desk.SignedInClientAsync(await desk.CreateUserAsync(Role.Manager));

        var inbox = Forms.Text(await client.GetStringAsync("/inbox"));
        var inspect = await client.GetStringAsync($"/inbox?inspect={quarantined.MessageId}");
        var filed = await client.PostFormAsync("/inbox", $"/inbox?handler=File&id={automatic.MessageId}", new Dictionary<string, string> { ["reference"] = opened.Reference.ToLowerInvariant() });

        Assert.Contains("Réponse automatique : absent", inbox, StringComparison.Ordinal);
        Assert.Contains("MIME parts nested deeper than 20 levels", inbox, StringComparison.Ordinal);
        Assert.Contains("<pre class=\"raw\">From: Nester &lt;nest@nest.example&gt;", inspect, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, filed.StatusCode);
        var message = await desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().Messages.SingleAsync(m => m.Id == automatic.MessageId));
        Assert.Equal((MessageStatus.Filed, opened.Id), (message.Status, message.CaseId));
        var casePage = Forms.Text(await client.GetStringAsync($"/cases/{opened.Reference}"));
        Assert.Contains("Réponse automatique : absent", casePage, StringComparison.Ordinal);
        Assert.Contains("automatic mail", casePage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_inquiry_opened_from_an_unfiled_message_takes_its_subject_and_the_message()
    {
        var automatic = await IngestAsync("bounce.eml");
        var client = await desk.SignedInClientAsync(await desk.CreateUserAsync(Role.CaseOfficer));

        var opened = await client.PostFormAsync("/inbox", $"/inbox?handler=OpenInquiry&id={automatic.MessageId}", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var reference = opened.Headers.Location!.OriginalString.Split('/')[^1];
        var (title, filedOn) = await desk.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<DeskDb>();
            var found = await db.Cases.SingleAsync(c => c.Reference == reference);
            return (found.Title, (await db.Messages.SingleAsync(m => m.Id == automatic.MessageId)).CaseId);
        });
        Assert.Equal("Undelivered Mail Returned to Sender", title);
        Assert.NotNull(filedOn);
    }

    [Fact]
    public async Task The_inbox_is_for_unit_staff_only()
    {
        foreach (var role in new[] { Role.FocalPoint, Role.Expert, Role.Administrator })
        {
            var client = await desk.SignedInClientAsync(await desk.CreateUserAsync(role));
            Assert.StartsWith("/access-denied", (await client.GetAsync("/inbox")).Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        }
    }
}

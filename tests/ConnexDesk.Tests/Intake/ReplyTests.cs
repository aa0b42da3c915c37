using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Intake;
using ConnexDesk.Features.Intake;
using ConnexDesk.Features.Outbox;
using ConnexDesk.Infrastructure;
using ConnexDesk.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConnexDesk.Tests.Intake;

/// <summary>A case officer answers a government from the case page; the answer arrives, in the thread, with the chosen file.</summary>
public sealed partial class ReplyTests(SqliteDesk desk) : IClassFixture<SqliteDesk>
{
    [Fact]
    public async Task A_reply_from_the_case_page_arrives_in_the_thread_with_the_reference_quote_and_attachment()
    {
        var sender = $"ana.{Guid.NewGuid():N}@energia.gov.mz";
        var raw = Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Intake", "Mail", "disguised-attachment.eml")))
            .Replace("ana.matsinhe@energia.gov.mz", sender, StringComparison.Ordinal).Replace("<att-001@energia.gov.mz>", $"<{Guid.NewGuid():N}@energia.gov.mz>", StringComparison.Ordinal));
        var inquiry = await desk.InScopeAsync(services => services.GetRequiredService<IngestMessage>().RunAsync(raw, "test", "test:" + Guid.NewGuid()));
        var original = await desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().Messages.Include(m => m.Attachments).SingleAsync(m => m.Id == inquiry.MessageId));
        var client = await desk.SignedInClientAsync(await desk.CreateUserAsync(Role.Manager));
        var replyPath = $"/cases/{inquiry.CaseReference}/reply/{original.Id}";

        var form = await client.GetStringAsync(replyPath);
        Assert.Contains($"value=\"{sender}\"", form, StringComparison.Ordinal);
        Assert.Contains($"value=\"Re: [{inquiry.CaseReference}] Carta de pedido formal\"", form, StringComparison.Ordinal);
        Assert.Contains("&gt; Segue em anexo a carta.", form, StringComparison.Ordinal);

        var refused = await client.PostFormAsync(replyPath, new Dictionary<string, string> { ["To"] = "not an address", ["Subject"] = "x", ["Body"] = "y" });
        Assert.Contains("Enter a valid email address.", Forms.Text(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var sent = await client.PostFormAsync(replyPath, new Dictionary<string, string>
        {
            ["To"] = sender,
            ["Subject"] = $"Re: [{inquiry.CaseReference}] Carta de pedido formal",
            ["Body"] = "Obrigado. A carta foi recebida e está em análise.",
            ["Attach"] = original.Attachments.Single().Sha256,
        });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        await desk.InScopeAsync(services => TestMailServer.Sender(services).SendDueAsync());

        var received = await TestMailServer.ReceivedForAsync(sender, atLeast: 2);
        var reply = received.Single(m => m.Subject?.StartsWith("Re:", StringComparison.Ordinal) == true);
        Assert.Equal(original.MessageId, reply.InReplyTo);
        Assert.Contains(original.MessageId, reply.References);
        Assert.Contains("A carta foi recebida e está em análise.", reply.TextBody, StringComparison.Ordinal);
        var attachment = Assert.Single(reply.Attachments.OfType<MimeKit.MimePart>());
        Assert.Equal("notes.txt", attachment.FileName);
        using var bytes = new MemoryStream();
        await attachment.Content!.DecodeToAsync(bytes);
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(bytes.ToArray()), StringComparison.Ordinal);
        var casePage = Forms.Text(await client.GetStringAsync($"/cases/{inquiry.CaseReference}"));
        Assert.Matches(SentTo(), casePage);
    }

    [GeneratedRegex(@"Sent to ana\.[0-9a-f]{32}@energia\.gov\.mz")]
    private static partial Regex SentTo();
}

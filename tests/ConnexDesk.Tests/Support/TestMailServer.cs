using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using MimeKit;

namespace ConnexDesk.Tests.Support;

/// <summary>The smtp4dev server that ./test.sh starts: the desk sends to its SMTP port, tests read what arrived over IMAP.</summary>
public static class TestMailServer
{
    public static (string Host, int Port) Smtp => Endpoint("CONNEXDESK_TEST_SMTP");

    public static (string Host, int Port) Imap => Endpoint("CONNEXDESK_TEST_IMAP");

    /// <summary>An outbox sender pointed at the test server (or at <paramref name="port"/>, to make delivery fail).</summary>
    public static ConnexDesk.Features.Outbox.OutboxSender Sender(IServiceProvider services, TimeProvider? clock = null, int? port = null)
    {
        var (host, smtpPort) = Smtp;
        var options = new ConnexDesk.Features.Intake.MailOptions { Smtp = new ConnexDesk.Features.Intake.SmtpOptions { Host = host, Port = port ?? smtpPort, Security = "None" } };
        return new ConnexDesk.Features.Outbox.OutboxSender(
            Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ConnexDesk.Data.DeskDb>(services),
            Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ConnexDesk.Infrastructure.BlobStore>(services),
            clock ?? TimeProvider.System, Microsoft.Extensions.Options.Options.Create(options),
            Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Microsoft.Extensions.Options.IOptions<ConnexDesk.Infrastructure.DeskOptions>>(services),
            Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Microsoft.Extensions.Logging.ILogger<ConnexDesk.Features.Outbox.OutboxSender>>(services));
    }

    /// <summary>Every message received for <paramref name="recipient"/>, waiting up to a few seconds for it to arrive.</summary>
    public static async Task<IReadOnlyList<MimeMessage>> ReceivedForAsync(string recipient, int atLeast = 1)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var client = new ImapClient();
            var (host, port) = Imap;
            await client.ConnectAsync(host, port, SecureSocketOptions.None);
            await client.AuthenticateAsync("tests", "tests");
            var inbox = client.Inbox;
            await inbox.OpenAsync(FolderAccess.ReadOnly);
            var found = new List<MimeMessage>();
            foreach (var uid in await inbox.SearchAsync(SearchQuery.All))
            {
                var message = await inbox.GetMessageAsync(uid);
                if (message.To.Mailboxes.Any(m => string.Equals(m.Address, recipient, StringComparison.OrdinalIgnoreCase)))
                    found.Add(message);
            }
            await client.DisconnectAsync(true);
            if (found.Count >= atLeast || attempt >= 20)
                return found;
            await Task.Delay(250);
        }
    }

    private static (string Host, int Port) Endpoint(string variable)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(value))
            throw new InvalidOperationException($"{variable} is not set. Run the tests with ./test.sh, which starts smtp4dev and sets it.");
        var parts = value.Split(':');
        return (parts[0], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}

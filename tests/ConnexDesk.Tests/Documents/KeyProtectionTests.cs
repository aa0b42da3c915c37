using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ConnexDesk.Data;
using ConnexDesk.Infrastructure;
using ConnexDesk.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConnexDesk.Tests.Documents;

/// <summary>With Desk:KeyProtectionCertificate set, the key ring that unlocks stored documents is itself stored encrypted.</summary>
public sealed class KeyProtectionTests
{
    [Fact]
    public async Task With_a_certificate_the_key_ring_is_stored_encrypted_and_documents_still_open()
    {
        var folder = Path.Combine(Path.GetTempPath(), "connexdesk-tests", "keys-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var pfx = Path.Combine(folder, "key-protection.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=ConnexDesk key protection (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pkcs12, "test-password"));
        }
        await using var desk = new SqliteDesk();
        desk.Settings["Desk:KeyProtectionCertificate"] = pfx;
        desk.Settings["Desk:KeyProtectionCertificatePassword"] = "test-password";
        await desk.InitializeAsync();
        var content = Encoding.UTF8.GetBytes("Approval letter " + Guid.NewGuid());

        var sha256 = await desk.Services.GetRequiredService<BlobStore>().PutAsync(content);

        var keys = await desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().DataProtectionKeys.Select(k => k.Xml).ToListAsync());
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
        });
        Assert.Equal(content, await desk.Services.GetRequiredService<BlobStore>().ReadAsync(sha256));
    }

    [Fact]
    public async Task A_certificate_that_cannot_be_loaded_stops_the_desk_with_the_reason()
    {
        await using var desk = new SqliteDesk();
        desk.Settings["Desk:KeyProtectionCertificate"] = "/nonexistent/key-protection.pfx";

        var failure = await Assert.ThrowsAnyAsync<Exception>(desk.InitializeAsync);

        Assert.Contains("Desk:KeyProtectionCertificate /nonexistent/key-protection.pfx could not be loaded", failure.ToString(), StringComparison.Ordinal);
    }
}

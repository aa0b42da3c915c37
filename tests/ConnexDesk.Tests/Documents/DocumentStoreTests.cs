using System.Security.Cryptography;
using System.Text;
using ConnexDesk.Features.Intake;
using ConnexDesk.Infrastructure;
using ConnexDesk.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ConnexDesk.Tests.Documents;

/// <summary>The encrypted, content-addressed store that holds raw mail, attachments and (later) every document.</summary>
public abstract class DocumentStoreTests<TDesk>(TDesk desk) : IClassFixture<TDesk> where TDesk : DeskFactory
{
    private BlobStore Store => desk.Services.GetRequiredService<BlobStore>();

    [Fact]
    public async Task Neither_a_message_nor_its_attachment_can_be_read_as_plaintext_anywhere_under_the_data_directory()
    {
        var marker = "confidential-" + Guid.NewGuid().ToString("N");
        var pdf = Encoding.ASCII.GetBytes($"%PDF-1.7\n% {marker} royalty rate 7.5 per cent\n%%EOF\n");
        var raw = TestImapServer.Inquiry($"<{marker}@mines.gouv.example>", "Draft convention", pdf);
        raw = [.. Encoding.ASCII.GetBytes($"X-Negotiation-Position: {marker}\r\n"), .. raw];

        var result = await desk.InScopeAsync(services => services.GetRequiredService<IngestMessage>().RunAsync(raw, "test", "test:" + marker));

        Assert.Equal(IngestOutcome.NewInquiry, result.Outcome);
        var needles = new[] { Encoding.ASCII.GetBytes("X-Negotiation-Position: " + marker), Encoding.ASCII.GetBytes(marker + " royalty rate") };
        foreach (var file in Directory.EnumerateFiles(desk.DataDirectory, "*", SearchOption.AllDirectories))
        {
            var content = await File.ReadAllBytesAsync(file);
            foreach (var needle in needles)
                Assert.True(content.AsSpan().IndexOf(needle) < 0, $"{file} holds '{Encoding.ASCII.GetString(needle)}' in plaintext");
        }
        Assert.Equal(raw, await Store.ReadAsync(BlobStore.Hash(raw)));
    }

    [Fact]
    public async Task A_flipped_bit_makes_reading_fail_loudly()
    {
        var sha256 = await Store.PutAsync(Encoding.UTF8.GetBytes("Request letter " + Guid.NewGuid()));
        var path = Store.PathOf(sha256);
        var file = await File.ReadAllBytesAsync(path);
        file[^3] ^= 0x04;
        await File.WriteAllBytesAsync(path, file);

        await Assert.ThrowsAnyAsync<CryptographicException>(() => Store.ReadAsync(sha256));
    }

    [Fact]
    public async Task A_stored_file_put_in_place_of_another_does_not_open_as_that_other()
    {
        var first = await Store.PutAsync(Encoding.UTF8.GetBytes("Approval letter " + Guid.NewGuid()));
        var second = await Store.PutAsync(Encoding.UTF8.GetBytes("Decline letter " + Guid.NewGuid()));
        File.Copy(Store.PathOf(first), Store.PathOf(second), overwrite: true);

        await Assert.ThrowsAnyAsync<CryptographicException>(() => Store.ReadAsync(second));
    }

    [Fact]
    public async Task The_same_bytes_stored_twice_make_one_file_and_read_back_whole()
    {
        var content = new byte[200_000];
        Random.Shared.NextBytes(content);

        var first = await Store.PutAsync(content);
        var second = await Store.PutAsync(content);

        Assert.Equal(first, second);
        Assert.Single(Directory.EnumerateFiles(Path.GetDirectoryName(Store.PathOf(first))!, first + "*"));
        Assert.Equal(content, await Store.ReadAsync(first));
    }

    [Fact]
    public async Task Files_an_earlier_version_kept_as_plaintext_are_encrypted_at_start_up_and_still_read()
    {
        // A store as an earlier version left it: the plaintext under its own hash, and no marker.
        var store = new BlobStore(Microsoft.Extensions.Options.Options.Create(new DeskOptions { DataDirectory = Path.Combine(desk.DataDirectory, "old-" + Guid.NewGuid().ToString("N")) }),
            desk.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.IWebHostEnvironment>(),
            desk.Services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(),
            desk.Services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<BlobStore>>());
        var plaintext = Encoding.UTF8.GetBytes("Old raw message " + Guid.NewGuid());
        var sha256 = BlobStore.Hash(plaintext);
        Directory.CreateDirectory(Path.GetDirectoryName(store.PathOf(sha256))!);
        await File.WriteAllBytesAsync(store.PathOf(sha256), plaintext);

        var encrypted = await store.EncryptPlaintextFilesAsync();
        var again = await store.EncryptPlaintextFilesAsync();

        Assert.Equal((1, 0), (encrypted, again));
        Assert.True((await File.ReadAllBytesAsync(store.PathOf(sha256))).AsSpan().IndexOf(plaintext) < 0);
        Assert.Equal(plaintext, await store.ReadAsync(sha256));
    }
}

public sealed class DocumentStoreTestsOnSqlite(SqliteDesk desk) : DocumentStoreTests<SqliteDesk>(desk);

public sealed class DocumentStoreTestsOnPostgres(PostgresDesk desk) : DocumentStoreTests<PostgresDesk>(desk);

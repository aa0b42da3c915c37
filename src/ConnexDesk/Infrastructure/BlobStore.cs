using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace ConnexDesk.Infrastructure;

/// <summary>
/// Content-addressed, encrypted files under the data directory. A file's name is the SHA-256 of its plaintext, so
/// storing the same bytes twice is a no-op and a stored file never changes. Each file is encrypted with AES-256-GCM
/// under a key of its own, drawn at random; that key is stored beside the ciphertext, wrapped by ASP.NET Core Data
/// Protection (whose key ring lives in the database). The file's name is bound to the ciphertext as associated data,
/// so a file renamed or altered fails to open, loudly. Writes go to a temporary file, are flushed to disk, then renamed.
/// See docs/decisions/0007-encrypted-document-store.md.
/// </summary>
public sealed class BlobStore(IOptions<DeskOptions> options, IWebHostEnvironment environment, IDataProtectionProvider protection, ILogger<BlobStore> logger)
{
    /// <summary>The first bytes of every encrypted file: format version 1.</summary>
    private static ReadOnlySpan<byte> Header => "CNXBLOB1"u8;

    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly IDataProtector _contentKeys = protection.CreateProtector("ConnexDesk.BlobStore.ContentKey.v1");

    public string Root => Path.Combine(options.Value.ResolveDataDirectory(environment.ContentRootPath), "blobs");

    /// <summary>Whether these first bytes of a file are those of a file this store encrypted.</summary>
    public static bool LooksEncrypted(ReadOnlySpan<byte> start) => start.StartsWith(Header);

    public static string Hash(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public string PathOf(string sha256) => Path.Combine(Root, sha256[..2], sha256[2..4], sha256);

    public bool Exists(string sha256) => File.Exists(PathOf(sha256));

    /// <summary>
    /// Makes sure the key ring has a current key before the caller opens a transaction and stores files in it:
    /// creating a key writes to the database, which on SQLite would wait for that very transaction's write lock.
    /// </summary>
    public void PrepareKeys() => _ = _contentKeys.Protect([0]);

    public Task<string> PutAsync(byte[] content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        return PutAsync(content.AsMemory(), cancellationToken);
    }

    public async Task<string> PutAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var sha256 = Hash(content.Span);
        var path = PathOf(sha256);
        if (File.Exists(path))
            return sha256;
        await WriteAsync(path, Encrypt(sha256, content.Span), cancellationToken);
        return sha256;
    }

    /// <summary>The plaintext of a stored file, read and checked whole.</summary>
    public Stream Open(string sha256) => new MemoryStream(Read(sha256), writable: false);

    public async Task<byte[]> ReadAsync(string sha256, CancellationToken cancellationToken = default) =>
        Decrypt(sha256, await File.ReadAllBytesAsync(PathOf(sha256), cancellationToken));

    private byte[] Read(string sha256) => Decrypt(sha256, File.ReadAllBytes(PathOf(sha256)));

    /// <summary>Every stored file, by the SHA-256 of its plaintext, in a stable order: what a backup copies.</summary>
    public IEnumerable<(string Sha256, string Path)> StoredFiles()
    {
        if (!Directory.Exists(Root))
            yield break;
        foreach (var path in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = System.IO.Path.GetFileName(path);
            if (name.Length == 64 && name.All(char.IsAsciiHexDigitLower) && path == PathOf(name))
                yield return (name, path);
        }
    }

    /// <summary>
    /// Puts back a file as a backup holds it, still encrypted (its key is in the database restored with it). A file
    /// already stored under that name holds the same plaintext and is kept.
    /// </summary>
    public async Task PutEncryptedAsync(string sha256, Stream encrypted, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(encrypted);
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
            throw new ArgumentException($"'{sha256}' is not the SHA-256 name of a stored file.", nameof(sha256));
        var path = PathOf(sha256);
        if (File.Exists(path))
            return;
        // Streamed, not read whole into memory: a backup's entry can be as large as the biggest document ever stored.
        await WriteAsync(path, async file =>
        {
            var header = new byte[Header.Length];
            try
            {
                await encrypted.ReadExactlyAsync(header, cancellationToken);
            }
            catch (EndOfStreamException)
            {
                throw new InvalidDataException($"The document {sha256} in the backup is not an encrypted document.");
            }
            if (!header.AsSpan().SequenceEqual(Header))
                throw new InvalidDataException($"The document {sha256} in the backup is not an encrypted document.");
            await file.WriteAsync(header, cancellationToken);
            await encrypted.CopyToAsync(file, cancellationToken);
        }, replace: false);
    }

    /// <summary>
    /// Encrypts, in place, the files an earlier version of the desk stored as plaintext. Runs at start-up; a marker
    /// file records that the whole store has been through it, so later start-ups do not read every file again.
    /// </summary>
    public async Task<int> EncryptPlaintextFilesAsync(CancellationToken cancellationToken = default)
    {
        var marker = Path.Combine(Root, ".all-encrypted-v1");
        if (File.Exists(marker))
            return 0;
        Directory.CreateDirectory(Root);
        var encrypted = 0;
        foreach (var path in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(path);
            if (name.Length != 64 || !name.All(char.IsAsciiHexDigitLower))
                continue;
            var content = await File.ReadAllBytesAsync(path, cancellationToken);
            if (content.AsSpan().StartsWith(Header))
                continue;
            if (Hash(content) != name)
                throw new InvalidDataException($"The stored file {path} is neither encrypted nor the plaintext its name says; it was left as it is.");
            await WriteAsync(path, Encrypt(name, content), cancellationToken, replace: true);
            encrypted++;
        }
        if (encrypted > 0)
            logger.LogWarning("Encrypted {Count} stored files that an earlier version had kept as plaintext", encrypted);
        await File.WriteAllTextAsync(marker, "Every file in this store is encrypted (format CNXBLOB1).\n", cancellationToken);
        return encrypted;
    }

    /// <summary>Header | wrapped key length (4 bytes) | wrapped key | nonce | tag | ciphertext.</summary>
    private byte[] Encrypt(string sha256, ReadOnlySpan<byte> plaintext)
    {
        Span<byte> key = stackalloc byte[32];
        RandomNumberGenerator.Fill(key);
        try
        {
            var wrapped = _contentKeys.Protect(key.ToArray());
            var file = new byte[Header.Length + 4 + wrapped.Length + NonceSize + TagSize + plaintext.Length];
            var at = 0;
            Header.CopyTo(file);
            at += Header.Length;
            BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(at), wrapped.Length);
            at += 4;
            wrapped.CopyTo(file, at);
            at += wrapped.Length;
            var nonce = file.AsSpan(at, NonceSize);
            RandomNumberGenerator.Fill(nonce);
            var tag = file.AsSpan(at + NonceSize, TagSize);
            using var aes = new AesGcm(key, TagSize);
            aes.Encrypt(nonce, plaintext, file.AsSpan(at + NonceSize + TagSize), tag, Encoding.ASCII.GetBytes(sha256));
            return file;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private byte[] Decrypt(string sha256, byte[] file)
    {
        var span = file.AsSpan();
        if (!span.StartsWith(Header))
            throw new CryptographicException($"The stored file {sha256} is not an encrypted document.");
        var at = Header.Length;
        var wrappedLength = BinaryPrimitives.ReadInt32LittleEndian(span[at..]);
        at += 4;
        if (wrappedLength <= 0 || at + wrappedLength + NonceSize + TagSize > file.Length)
            throw new CryptographicException($"The stored file {sha256} is truncated.");
        var key = _contentKeys.Unprotect(span.Slice(at, wrappedLength).ToArray());
        at += wrappedLength;
        try
        {
            var plaintext = new byte[file.Length - at - NonceSize - TagSize];
            using var aes = new AesGcm(key, TagSize);
            // Throws AuthenticationTagMismatchException when a bit of the file, or its name, has changed.
            aes.Decrypt(span.Slice(at, NonceSize), span[(at + NonceSize + TagSize)..], span.Slice(at + NonceSize, TagSize), plaintext, Encoding.ASCII.GetBytes(sha256));
            return plaintext;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private static Task WriteAsync(string path, byte[] file, CancellationToken cancellationToken, bool replace = false) =>
        WriteAsync(path, stream => stream.WriteAsync(file, cancellationToken).AsTask(), replace);

    private static async Task WriteAsync(string path, Func<Stream, Task> write, bool replace)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: replace);
        }
        catch (IOException) when (!replace && File.Exists(path))
        {
            // Someone stored the same bytes a moment ago; theirs holds the same plaintext.
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}

using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace ConnexDesk.Infrastructure;

/// <summary>
/// Content-addressed files under the data directory: a file's name is its SHA-256, so storing the same bytes twice
/// is a no-op and a stored file never changes. Writes go to a temporary file, are flushed to disk, then renamed.
/// </summary>
public sealed class BlobStore(IOptions<DeskOptions> options, IWebHostEnvironment environment)
{
    public string Root => Path.Combine(options.Value.ResolveDataDirectory(environment.ContentRootPath), "blobs");

    public static string Hash(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public string PathOf(string sha256) => Path.Combine(Root, sha256[..2], sha256[2..4], sha256);

    public bool Exists(string sha256) => File.Exists(PathOf(sha256));

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
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
        {
            await file.WriteAsync(content, cancellationToken);
            file.Flush(flushToDisk: true);
        }
        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Someone stored the same bytes a moment ago; theirs is identical.
            File.Delete(temporary);
        }
        return sha256;
    }

    public Stream Open(string sha256) => new FileStream(PathOf(sha256), FileMode.Open, FileAccess.Read, FileShare.Read, 65536);

    public Task<byte[]> ReadAsync(string sha256, CancellationToken cancellationToken = default) => File.ReadAllBytesAsync(PathOf(sha256), cancellationToken);
}

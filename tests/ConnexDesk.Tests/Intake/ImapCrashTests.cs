using System.Diagnostics;
using ConnexDesk.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace ConnexDesk.Tests.Intake;

/// <summary>
/// The real desk executable reads a batch of mail from Dovecot and is killed with SIGKILL at random moments, again and
/// again. After every kill, whatever the server shows as read must already be in the database; after the last restart,
/// every message is there exactly once, as exactly one inquiry.
/// </summary>
public sealed class ImapCrashTests(ITestOutputHelper output)
{
    private const int MessageCount = 150;
    private const int Kills = 8;

    [Fact]
    public async Task Killing_the_desk_while_it_reads_imap_loses_and_doubles_nothing()
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        output.WriteLine($"random seed {seed}");
        var folder = await TestImapServer.NewFolderAsync("crash");
        var pdf = new byte[300_000];
        random.NextBytes(pdf);
        "%PDF-1.7\n"u8.CopyTo(pdf);
        var expected = Enumerable.Range(1, MessageCount).Select(n => $"{folder}.{n}@mines.gouv.example").ToList();
        await TestImapServer.AppendAsync(folder, expected.Select((id, n) =>
            TestImapServer.Inquiry($"<{id}>", $"Request {n + 1}", attachment: n % 5 == 0 ? pdf : null)));

        var dataDirectory = Path.Combine(Path.GetTempPath(), "connexdesk-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        var environment = DeskSettings(dataDirectory, folder);
        var progress = new List<int>();
        for (var kill = 0; kill < Kills; kill++)
        {
            var before = StoredMessageIds(dataDirectory).Count;
            if (before == MessageCount)
                break;
            using var desk = Process.Start(DeskProcess.StartInfo([], environment))!;
            var reading = ReadingStarted(desk);
            // Killed at a random moment while it files: after a random number of further messages, plus a random instant,
            // so that the kill falls anywhere between fetching, storing, committing and marking (on a slow or busy
            // machine as well as on a fast one).
            await Task.WhenAny(reading, Task.Delay(TimeSpan.FromSeconds(60)));
            var target = Math.Min(MessageCount, before + random.Next(1, 25));
            var giveUp = DateTime.UtcNow.AddSeconds(30);
            while (StoredMessageIds(dataDirectory).Count < target && DateTime.UtcNow < giveUp)
                await Task.Delay(20);
            await Task.Delay(random.Next(0, 150));
            desk.Kill(entireProcessTree: true);
            await desk.WaitForExitAsync();

            var stored = StoredMessageIds(dataDirectory);
            var server = await TestImapServer.ContentsAsync(folder);
            var readButMissing = server.Where(m => m.Seen && !stored.ContainsKey(m.MessageId)).Select(m => m.MessageId).ToList();
            Assert.True(readButMissing.Count == 0, $"after kill {kill + 1}, marked read on the server but not in the database: {string.Join(", ", readButMissing)}");
            Assert.DoesNotContain(stored, pair => pair.Value > 1);
            progress.Add(stored.Count);
            output.WriteLine($"kill {kill + 1}: {stored.Count} of {MessageCount} filed, {server.Count(m => m.Seen)} marked read");
        }

        using (var desk = Process.Start(DeskProcess.StartInfo([], environment))!)
        {
            _ = ReadingStarted(desk);
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (StoredMessageIds(dataDirectory).Count < MessageCount && DateTime.UtcNow < deadline)
                await Task.Delay(500);
            while ((await TestImapServer.ContentsAsync(folder)).Any(m => !m.Seen) && DateTime.UtcNow < deadline)
                await Task.Delay(500);
            desk.Kill(entireProcessTree: true);
            await desk.WaitForExitAsync();
        }

        var final = StoredMessageIds(dataDirectory);
        Assert.Equal(expected.Order(StringComparer.Ordinal), final.Keys.Order(StringComparer.Ordinal));
        Assert.All(final, pair => Assert.Equal(1, pair.Value));
        Assert.Equal(MessageCount, Scalar(dataDirectory, "SELECT COUNT(*) FROM Cases"));
        Assert.All(await TestImapServer.ContentsAsync(folder), m => Assert.True(m.Seen, m.MessageId + " is not marked read"));
        // The kills must have landed in the middle of the batch, or the test proved nothing.
        Assert.Contains(progress, filed => filed is > 0 and < MessageCount);
        await TestImapServer.DeleteFolderAsync(folder);
    }

    /// <summary>Completes when the desk logs that it reads the mailbox; drains its output either way.</summary>
    private static Task ReadingStarted(Process desk)
    {
        desk.StandardInput.Close();
        var started = new TaskCompletionSource();
        desk.OutputDataReceived += (_, line) =>
        {
            if (line.Data?.Contains("Reading the IMAP mailbox", StringComparison.Ordinal) == true)
                started.TrySetResult();
        };
        desk.ErrorDataReceived += (_, _) => { };
        desk.BeginOutputReadLine();
        desk.BeginErrorReadLine();
        return started.Task;
    }

    private static Dictionary<string, string> DeskSettings(string dataDirectory, string folder)
    {
        var imap = TestImapServer.Options(folder);
        return new()
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{DeskProcess.FreePort()}",
            ["Desk__DataDirectory"] = dataDirectory,
            ["Database__Provider"] = "Sqlite",
            ["Mail__Maildir"] = "",
            ["Mail__Imap__Host"] = imap.Host,
            ["Mail__Imap__Port"] = imap.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail__Imap__Security"] = "None",
            ["Mail__Imap__User"] = imap.User,
            ["Mail__Imap__Password"] = imap.Password,
            ["Mail__Imap__Folder"] = folder,
            ["Mail__Imap__PollSeconds"] = "1",
        };
    }

    /// <summary>Each inbound Message-ID in the desk's database, with how many times it is there.</summary>
    private static Dictionary<string, int> StoredMessageIds(string dataDirectory)
    {
        var stored = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!File.Exists(DatabaseFile(dataDirectory)))
            return stored;
        using var connection = Open(dataDirectory);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT MessageId, COUNT(*) FROM Messages WHERE Direction = 'Inbound' GROUP BY MessageId";
        try
        {
            using var reader = command.ExecuteReader();
            while (reader.Read())
                stored[reader.GetString(0)] = reader.GetInt32(1);
        }
        catch (SqliteException failure) when (failure.Message.Contains("no such table", StringComparison.Ordinal))
        {
            // Killed before its first migration finished.
        }
        return stored;
    }

    private static long Scalar(string dataDirectory, string sql)
    {
        using var connection = Open(dataDirectory);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private static SqliteConnection Open(string dataDirectory)
    {
        var connection = new SqliteConnection($"Data Source={DatabaseFile(dataDirectory)};Mode=ReadWrite;Pooling=False");
        connection.Open();
        return connection;
    }

    private static string DatabaseFile(string dataDirectory) => Path.Combine(dataDirectory, ConnexDesk.Data.DeskDatabase.SqliteFileName);
}

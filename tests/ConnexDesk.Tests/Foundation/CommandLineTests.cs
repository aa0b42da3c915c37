using System.Diagnostics;
using System.Text.Json;
using ConnexDesk.Tests.Support;

namespace ConnexDesk.Tests.Foundation;

/// <summary>The admin CLI, run as the real executable against a fresh data directory.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "connexdesk-cli-tests", Guid.NewGuid().ToString("N"));

    private Dictionary<string, string> Environment(string environment = "Production") => new()
    {
        ["Desk__DataDirectory"] = _dataDirectory,
        ["DOTNET_ENVIRONMENT"] = environment,
    };

    [Fact]
    public async Task Migrate_creates_the_database_and_says_so_in_json()
    {
        var run = await DeskProcess.RunAsync(["migrate", "--json"], Environment());

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.True(json.RootElement.GetProperty("migrated").GetBoolean());
        Assert.True(File.Exists(Path.Combine(_dataDirectory, "connexdesk.db")));
    }

    [Fact]
    public async Task User_add_reads_the_password_from_standard_input_and_the_account_can_be_used()
    {
        var run = await DeskProcess.RunAsync(
            ["user", "add", "--email", "head@unit.example", "--name", "Head of Unit", "--role", "Administrator", "--json"],
            Environment(), "a long enough passphrase\n");

        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal("head@unit.example", json.RootElement.GetProperty("email").GetString());
        Assert.Equal("Administrator", json.RootElement.GetProperty("role").GetString());
        Assert.DoesNotContain("passphrase", run.Output + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_verify_exits_0_on_an_intact_chain_and_names_the_first_broken_entry_otherwise()
    {
        foreach (var email in new[] { "a@unit.example", "b@unit.example", "c@unit.example" })
            Assert.Equal(0, (await DeskProcess.RunAsync(["user", "add", "--email", email, "--name", email, "--role", "CaseOfficer"], Environment(), "a long enough passphrase\n")).ExitCode);

        var intact = await DeskProcess.RunAsync(["audit", "verify", "--json"], Environment());
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_dataDirectory, "connexdesk.db")};Pooling=false"))
        {
            // What someone with the database file could do: drop the protection and rewrite who was given access.
            connection.Open();
            using var tamper = connection.CreateCommand();
            tamper.CommandText = """DROP TRIGGER "AuditEntries_no_update"; UPDATE "AuditEntries" SET "Target" = 'account x@unit.example created as CaseOfficer' WHERE "Sequence" = 2;""";
            tamper.ExecuteNonQuery();
        }
        var broken = await DeskProcess.RunAsync(["audit", "verify"], Environment());

        Assert.True(intact.ExitCode == 0, intact.Error);
        using var json = JsonDocument.Parse(intact.Output);
        Assert.Equal(3, json.RootElement.GetProperty("entries").GetInt64());
        Assert.Equal(1, broken.ExitCode);
        Assert.Equal("error: the audit chain is broken at entry 2: its content does not match its hash (the entry was changed). The 1 entries before it are intact.", broken.Error.Trim());
    }

    [Fact]
    public async Task Changing_and_reading_a_case_on_the_command_line_go_into_the_audit_trail()
    {
        var created = await DeskProcess.RunAsync(["cases", "create", "--country", "SN", "--organisation", "Ministère des Mines", "--title", "Convention aurifère", "--json"], Environment());
        Assert.True(created.ExitCode == 0, created.Error);
        using var json = JsonDocument.Parse(created.Output);
        var reference = json.RootElement.GetProperty("reference").GetString()!;

        Assert.Equal(0, (await DeskProcess.RunAsync(["cases", "show", reference], Environment())).ExitCode);
        Assert.Equal(1, (await DeskProcess.RunAsync(["cases", "show", "CNX-2026-9999"], Environment())).ExitCode);

        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_dataDirectory, "connexdesk.db")};Pooling=false");
        connection.Open();
        using var query = connection.CreateCommand();
        query.CommandText = """SELECT "ActorId", "CaseReference", "Action", "Target" FROM "AuditEntries" ORDER BY "Sequence" """;
        var rows = new List<string>();
        using (var reader = query.ExecuteReader())
        {
            while (reader.Read())
                rows.Add($"{reader.GetString(0)} {reader.GetString(1)} {reader.GetString(2)} {reader.GetString(3)}");
        }
        Assert.Equal(3, rows.Count);
        Assert.StartsWith($"cli {reference} Change cases create --country SN --organisation \"Ministère des Mines\" --title \"Convention aurifère\" --json => ", rows[0], StringComparison.Ordinal);
        Assert.Equal([$"cli {reference} Read cases show", "cli CNX-2026-9999 Denied cases show"], rows[1..]);
    }

    [Theory]
    [InlineData("", "No password on standard input")]
    [InlineData("short\n", "at least 12 characters")]
    public async Task User_add_without_an_acceptable_password_fails_with_one_line(string password, string reason)
    {
        var run = await DeskProcess.RunAsync(
            ["user", "add", "--email", "a@unit.example", "--name", "A", "--role", "Manager"], Environment(), password);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(reason, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task User_add_refuses_an_unknown_role_and_a_duplicate_email()
    {
        var unknownRole = await DeskProcess.RunAsync(
            ["user", "add", "--email", "b@unit.example", "--name", "B", "--role", "Janitor"], Environment(), "a long enough passphrase\n");
        await DeskProcess.RunAsync(
            ["user", "add", "--email", "c@unit.example", "--name", "C", "--role", "Expert"], Environment(), "a long enough passphrase\n");
        var duplicate = await DeskProcess.RunAsync(
            ["user", "add", "--email", "c@unit.example", "--name", "C again", "--role", "Expert"], Environment(), "a long enough passphrase\n");

        Assert.Equal(1, unknownRole.ExitCode);
        Assert.Contains("Unknown role 'Janitor'", unknownRole.Error, StringComparison.Ordinal);
        Assert.Equal(1, duplicate.ExitCode);
        Assert.Contains("already exists", duplicate.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_focal_point_needs_an_organisation()
    {
        var run = await DeskProcess.RunAsync(
            ["user", "add", "--email", "fp@ministry.example", "--name", "F", "--role", "FocalPoint"], Environment(), "a long enough passphrase\n");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--organisation", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_option_or_unknown_command_exits_non_zero_with_a_reason()
    {
        var missing = await DeskProcess.RunAsync(["user", "add", "--email", "x@unit.example"], Environment());
        var unknown = await DeskProcess.RunAsync(["frobnicate"], Environment());

        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("--name", missing.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("frobnicate", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed_demo_refuses_to_publish_passwords_outside_development()
    {
        var production = await DeskProcess.RunAsync(["seed-demo"], Environment("Production"));
        var development = await DeskProcess.RunAsync(["seed-demo", "--json"], Environment("Development"));

        Assert.Equal(1, production.ExitCode);
        Assert.Contains("only in the Development environment", production.Error, StringComparison.Ordinal);
        Assert.Equal(0, development.ExitCode);
        using var json = JsonDocument.Parse(development.Output);
        Assert.Equal(7, json.RootElement.GetProperty("logins").GetArrayLength());
    }

    [Fact]
    public async Task A_bad_database_provider_is_named_in_one_line()
    {
        var environment = Environment();
        environment["Database__Provider"] = "Oracle";

        var run = await DeskProcess.RunAsync(["migrate"], environment);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Database:Provider is 'Oracle'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_works_on_postgres_too()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        try
        {
            var environment = Environment();
            environment["Database__Provider"] = "Postgres";
            environment["ConnectionStrings__Desk"] = connectionString;

            var run = await DeskProcess.RunAsync(["migrate", "--json"], environment);

            Assert.True(run.ExitCode == 0, run.Error);
            Assert.Contains("Npgsql", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task A_production_start_with_an_empty_data_directory_explains_how_to_create_the_first_administrator()
    {
        var port = DeskProcess.FreePort();
        var environment = Environment();
        environment["Urls"] = $"http://127.0.0.1:{port}";
        // Plain http on the test machine: the Secure cookies of production would never come back.
        environment["Desk__HttpsCookies"] = "false";
        using var desk = Process.Start(DeskProcess.StartInfo([], environment))!;
        try
        {
            var log = new System.Text.StringBuilder();
            desk.OutputDataReceived += (_, line) => { lock (log) log.AppendLine(line.Data); };
            desk.BeginOutputReadLine();
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            string? signIn = null;
            for (var attempt = 0; attempt < 100 && signIn is null; attempt++)
            {
                try
                {
                    signIn = await http.GetStringAsync("/sign-in");
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(200);
                }
            }

            Assert.NotNull(signIn);
            Assert.Contains("This desk has no administrator yet", signIn, StringComparison.Ordinal);
            Assert.Contains("user add --email EMAIL", signIn, StringComparison.Ordinal);
            lock (log)
                Assert.Contains("No administrator exists yet", log.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            desk.Kill(entireProcessTree: true);
            await desk.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Cases_create_list_and_show_speak_json()
    {
        var created = await DeskProcess.RunAsync(
            ["cases", "create", "--country", "gh", "--organisation", "Ministry of Lands and Natural Resources", "--title", "Bauxite mining lease",
             "--sector", "mining", "--counterparty", "Volta Bauxite Ltd", "--counterparty", "Aluminium Holdings plc", "--json"], Environment());
        Assert.True(created.ExitCode == 0, created.Error);
        var reference = JsonDocument.Parse(created.Output).RootElement.GetProperty("reference").GetString()!;
        Assert.Matches(@"^CNX-\d{4}-0001$", reference);

        var list = await DeskProcess.RunAsync(["cases", "list", "--json"], Environment());
        var show = await DeskProcess.RunAsync(["cases", "show", reference, "--json"], Environment());

        using var listed = JsonDocument.Parse(list.Output);
        var row = listed.RootElement.EnumerateArray().Single();
        Assert.Equal((reference, "Inquiry", "GH", "Bauxite mining lease", "Ministry of Lands and Natural Resources"),
            (row.GetProperty("reference").GetString(), row.GetProperty("stage").GetString(), row.GetProperty("country").GetString(),
             row.GetProperty("title").GetString(), row.GetProperty("organisation").GetString()));
        using var shown = JsonDocument.Parse(show.Output);
        Assert.Equal(2, shown.RootElement.GetProperty("counterparties").GetArrayLength());
        Assert.Equal(0, shown.RootElement.GetProperty("messages").GetArrayLength());
        var opened = shown.RootElement.GetProperty("history").EnumerateArray().First();
        Assert.Equal("Opened", opened.GetProperty("kind").GetString());
        Assert.Equal("Inquiry", opened.GetProperty("to").GetString());
    }

    [Theory]
    [InlineData(new[] { "cases", "create", "--country", "QQ", "--organisation", "X", "--title", "T" }, "'QQ' is not an ISO 3166 country code")]
    [InlineData(new[] { "cases", "create", "--country", "SN", "--organisation", "X", "--title", " " }, "--title is empty")]
    [InlineData(new[] { "cases", "create", "--country", "SN", "--organisation", "X" }, "--title")]
    [InlineData(new[] { "cases", "create", "--country", "SN", "--organisation", "X", "--title", "T", "--sector", "fishing" }, "Unknown sector 'fishing'")]
    [InlineData(new[] { "cases", "show", "CNX-2026-9999" }, "There is no case CNX-2026-9999.")]
    [InlineData(new[] { "cases", "show", "42" }, "'42' is not a case reference")]
    public async Task Cases_commands_refuse_bad_input_with_one_clear_line(string[] args, string reason)
    {
        var run = await DeskProcess.RunAsync(args, Environment());

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(reason, run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Output.Trim());
    }

    [Fact]
    public async Task Eligibility_check_answers_in_json_for_alpha_2_and_alpha_3_codes()
    {
        var senegal = await DeskProcess.RunAsync(["eligibility", "check", "sen", "--on", "2026-06-01", "--json"], Environment());
        var france = await DeskProcess.RunAsync(["eligibility", "check", "FR", "--json"], Environment());
        var unknown = await DeskProcess.RunAsync(["eligibility", "check", "ZZZ"], Environment());
        var badDate = await DeskProcess.RunAsync(["eligibility", "check", "SN", "--on", "1 June"], Environment());

        using var json = JsonDocument.Parse(senegal.Output);
        Assert.Equal("SN", json.RootElement.GetProperty("country").GetString());
        Assert.True(json.RootElement.GetProperty("eligible").GetBoolean());
        Assert.Equal(["DAC:LDC", "UN:LDC"], json.RootElement.GetProperty("basis").EnumerateArray().Select(b => b.GetString()));
        Assert.Contains("2025 and 2026 flows", json.RootElement.GetProperty("listVersion").GetString(), StringComparison.Ordinal);
        Assert.Contains("among the least developed countries", json.RootElement.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.False(JsonDocument.Parse(france.Output).RootElement.GetProperty("eligible").GetBoolean());
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("'ZZZ' is not an ISO 3166 alpha-2 or alpha-3 country code.", unknown.Error, StringComparison.Ordinal);
        Assert.Contains("--on '1 June' is not a date", badDate.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eligibility_import_loads_a_new_version_that_takes_over_on_its_date()
    {
        var file = Path.Combine(_dataDirectory, "dac-2031.csv");
        Directory.CreateDirectory(_dataDirectory);
        await File.WriteAllTextAsync(file, "iso2,iso3,dac_name,group,note\nSN,SEN,Senegal,LMIC,\n");
        var broken = Path.Combine(_dataDirectory, "broken.csv");
        await File.WriteAllTextAsync(broken, "iso2,iso3,dac_name,group,note\nSN,SEN,Senegal,Wealthy,\n");

        var refused = await DeskProcess.RunAsync(["eligibility", "import", broken, "--list", "dac", "--effective", "2031-01-01", "--label", "Broken"], Environment());
        var loaded = await DeskProcess.RunAsync(["eligibility", "import", file, "--list", "dac", "--effective", "2031-01-01", "--label", "OECD DAC List, 2031 flows", "--json"], Environment());
        var before = await DeskProcess.RunAsync(["eligibility", "check", "KE", "--on", "2030-12-31", "--json"], Environment());
        var after = await DeskProcess.RunAsync(["eligibility", "check", "KE", "--on", "2031-01-01", "--json"], Environment());

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("group 'Wealthy' is not one of", refused.Error, StringComparison.Ordinal);
        Assert.True(loaded.ExitCode == 0, loaded.Error);
        Assert.True(JsonDocument.Parse(before.Output).RootElement.GetProperty("eligible").GetBoolean());
        Assert.False(JsonDocument.Parse(after.Output).RootElement.GetProperty("eligible").GetBoolean());
    }

    [Fact]
    public async Task Mail_import_takes_a_folder_and_an_mbox_once_and_says_what_it_did()
    {
        var mail = Path.Combine(AppContext.BaseDirectory, "Intake", "Mail");

        var first = await DeskProcess.RunAsync(["mail", "import", mail, "--json"], Environment());
        var again = await DeskProcess.RunAsync(["mail", "import", mail, "--json"], Environment());
        var mbox = await DeskProcess.RunAsync(["mail", "import", Path.Combine(mail, "old-inbox.mbox"), "--json"], Environment());
        var missing = await DeskProcess.RunAsync(["mail", "import", "/no/such/folder", "--json"], Environment());

        Assert.True(first.ExitCode == 0, first.Error);
        using var json = JsonDocument.Parse(first.Output);
        Assert.Equal(11, json.RootElement.GetProperty("imported").GetInt32());
        Assert.Equal(1, json.RootElement.GetProperty("threaded").GetInt32());
        Assert.Equal(0, json.RootElement.GetProperty("duplicates").GetInt32());
        var rejected = json.RootElement.GetProperty("rejected").EnumerateArray().Select(r => Path.GetFileName(r.GetProperty("file").GetString())).Order().ToList();
        Assert.Equal(["deeply-nested.eml", "garbage.eml"], rejected);
        using var second = JsonDocument.Parse(again.Output);
        Assert.Equal((0, 13), (second.RootElement.GetProperty("imported").GetInt32(), second.RootElement.GetProperty("duplicates").GetInt32()));
        using var fromMbox = JsonDocument.Parse(mbox.Output);
        Assert.Equal((3, 1), (fromMbox.RootElement.GetProperty("imported").GetInt32(), fromMbox.RootElement.GetProperty("threaded").GetInt32()));
        Assert.Equal("no such file or folder", JsonDocument.Parse(missing.Output).RootElement.GetProperty("rejected")[0].GetProperty("reason").GetString());
        var cases = JsonDocument.Parse((await DeskProcess.RunAsync(["cases", "list", "--json"], Environment())).Output).RootElement;
        var french = cases.EnumerateArray().Single(c => c.GetProperty("title").GetString() == "Demande d'appui : renégociation de la convention minière");
        Assert.Equal(2, french.GetProperty("messageCount").GetInt32());
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
            Directory.Delete(_dataDirectory, recursive: true);
    }
}

using ConnexDesk.Domain;
using ConnexDesk.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ConnexDesk.Tests.Audit;

/// <summary>
/// Production runs the desk on PostgreSQL as a role that does not own the tables (README, "The audit trail"): that
/// role can append to the trail and read it, and can neither change nor delete an entry, nor switch the trigger off.
/// </summary>
public sealed class AuditPrivilegesTests(PostgresDesk desk) : IClassFixture<PostgresDesk>
{
    [Fact]
    public async Task The_application_role_that_does_not_own_the_tables_cannot_change_delete_or_unguard_the_audit_trail()
    {
        await desk.CreateUserAsync(Role.CaseOfficer);
        var owner = desk.Services.GetRequiredService<IConfiguration>()["ConnectionStrings:Desk"]!;
        var role = "desk_app_" + Guid.NewGuid().ToString("N")[..10];
        var database = new NpgsqlConnectionStringBuilder(owner).Database;
        await ExecuteAsync(owner,
            $"CREATE ROLE {role} LOGIN PASSWORD 'app-password'",
            $"GRANT CONNECT ON DATABASE \"{database}\" TO {role}",
            $"GRANT USAGE ON SCHEMA public TO {role}",
            $"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
            $"REVOKE UPDATE, DELETE, TRUNCATE ON \"AuditEntries\" FROM {role}");
        try
        {
            var app = new NpgsqlConnectionStringBuilder(owner) { Username = role, Password = "app-password", Pooling = false }.ConnectionString;

            var entries = await ScalarAsync(app, "SELECT count(*) FROM \"AuditEntries\"");
            var mayAppend = await ScalarAsync(owner, $"SELECT has_table_privilege('{role}', '\"AuditEntries\"', 'INSERT')");
            var update = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(app, "UPDATE \"AuditEntries\" SET \"Target\" = 'nothing happened'"));
            var delete = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(app, "DELETE FROM \"AuditEntries\""));
            var truncate = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(app, "TRUNCATE \"AuditEntries\""));
            var unguard = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(app, "ALTER TABLE \"AuditEntries\" DISABLE TRIGGER ALL"));
            var cases = await ScalarAsync(app, "SELECT count(*) FROM \"Cases\"");

            Assert.True((long)entries! > 0);
            Assert.Equal(true, mayAppend);
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, update.SqlState);
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, delete.SqlState);
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, truncate.SqlState);
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, unguard.SqlState);
            Assert.NotNull(cases);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(owner, $"DROP OWNED BY {role}", $"DROP ROLE {role}");
        }
    }

    private static async Task ExecuteAsync(string connectionString, params string[] statements)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var statement in statements)
        {
            await using var command = new NpgsqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}

using Npgsql;

namespace ConnexDesk.Tests.Support;

/// <summary>
/// The PostgreSQL server that ./test.sh starts on 127.0.0.1. Each fixture gets a database of its own, dropped afterwards.
/// There is no fallback: without the server the PostgreSQL half of the suite fails and says how to get one.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "CONNEXDESK_TEST_POSTGRES";

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{Variable} is not set. Run the tests with ./test.sh, which starts a throwaway PostgreSQL server and sets it.");

    public static async Task<string> CreateDatabaseAsync()
    {
        var name = "desk_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(ServerConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}

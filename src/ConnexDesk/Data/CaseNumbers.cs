using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ConnexDesk.Data;

/// <summary>The last case number used in a year. One row per year.</summary>
public sealed class CaseNumberSequence
{
    public int Year { get; set; }
    public int LastNumber { get; set; }
}

/// <summary>
/// Hands out case numbers: sequential within a year, never twice. One atomic upsert, inside the caller's
/// transaction, so a case that fails to save gives its number back (no gaps) and two callers never share one:
/// PostgreSQL locks the year's row until commit, SQLite has one writer at a time.
/// </summary>
public static class CaseNumbers
{
    public static async Task<int> NextAsync(DeskDb db, int year, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Case numbers are handed out inside the transaction that saves the case.");
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText =
            """
            INSERT INTO "CaseNumberSequences" ("Year", "LastNumber") VALUES (@year, 1)
            ON CONFLICT ("Year") DO UPDATE SET "LastNumber" = "CaseNumberSequences"."LastNumber" + 1
            RETURNING "LastNumber"
            """;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@year";
        parameter.Value = year;
        command.Parameters.Add(parameter);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }
}

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

/// <summary>The last letter number used in a year (CNX/L/2026/0001 ...). One row per year.</summary>
public sealed class LetterNumberSequence
{
    public int Year { get; set; }
    public int LastNumber { get; set; }
}

/// <summary>
/// Hands out case and letter numbers: sequential within a year, never twice. One atomic upsert, inside the caller's
/// transaction, so a case that fails to save gives its number back (no gaps) and two callers never share one:
/// PostgreSQL locks the year's row until commit, SQLite has one writer at a time.
/// </summary>
public static class CaseNumbers
{
    public static Task<int> NextAsync(DeskDb db, int year, CancellationToken cancellationToken = default) =>
        NextInYearAsync(db, "CaseNumberSequences", year, cancellationToken);

    /// <summary>The next letter number of <paramref name="year"/>, on the same terms as case numbers.</summary>
    public static Task<int> NextLetterAsync(DeskDb db, int year, CancellationToken cancellationToken = default) =>
        NextInYearAsync(db, "LetterNumberSequences", year, cancellationToken);

    private static async Task<int> NextInYearAsync(DeskDb db, string table, int year, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Numbers are handed out inside the transaction that saves what they number.");
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText =
            $"""
            INSERT INTO "{table}" ("Year", "LastNumber") VALUES (@year, 1)
            ON CONFLICT ("Year") DO UPDATE SET "LastNumber" = "{table}"."LastNumber" + 1
            RETURNING "LastNumber"
            """;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@year";
        parameter.Value = year;
        command.Parameters.Add(parameter);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }
}

using ConnexDesk.Data;
using ConnexDesk.Domain.Cases;
using Microsoft.EntityFrameworkCore;

namespace ConnexDesk.Features.DueDiligence;

/// <summary>
/// The unit's due-diligence checklist: the lines an administrator saved, else the checks shipped with the desk.
/// A case is drawn up from it when its due diligence starts; changing it later leaves drawn-up cases as they are.
/// </summary>
public static class UnitChecklist
{
    public const int MaxLines = 40;

    public static async Task<IReadOnlyList<DueDiligenceCheck>> CurrentAsync(DeskDb db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var lines = await db.ChecklistLines.AsNoTracking().OrderBy(l => l.Order).ToListAsync(cancellationToken);
        return lines.Count == 0 ? DueDiligenceChecklist.Defaults : [.. lines.Select(l => new DueDiligenceCheck(l.Title, l.Guidance))];
    }

    /// <summary>"Title | guidance" per line, as the editor shows the checklist.</summary>
    public static string AsText(IEnumerable<DueDiligenceCheck> checks) =>
        string.Join('\n', checks.Select(c => c.Guidance is null ? c.Title : $"{c.Title} | {c.Guidance}"));

    /// <summary>Reads the editor's text: one check per line, the guidance after a "|"; empty lines skipped.</summary>
    public static (IReadOnlyList<DueDiligenceCheck> Checks, IReadOnlyList<string> Problems) Parse(string? text)
    {
        var checks = new List<DueDiligenceCheck>();
        var problems = new List<string>();
        var number = 0;
        foreach (var raw in (text ?? "").ReplaceLineEndings("\n").Split('\n'))
        {
            number++;
            if (string.IsNullOrWhiteSpace(raw))
                continue;
            var parts = raw.Split('|', 2);
            var title = parts[0].Trim();
            var guidance = parts.Length > 1 ? parts[1].Trim() : null;
            if (title.Length == 0)
                problems.Add($"Line {number}: the check has no title before the '|'.");
            else if (title.Length > 300)
                problems.Add($"Line {number}: a title can have at most 300 characters.");
            else if (guidance is { Length: > 2000 })
                problems.Add($"Line {number}: the guidance can have at most 2000 characters.");
            else if (checks.Any(c => string.Equals(c.Title, title, StringComparison.OrdinalIgnoreCase)))
                problems.Add($"Line {number}: '{title}' is already on the checklist.");
            else
                checks.Add(new DueDiligenceCheck(title, string.IsNullOrEmpty(guidance) ? null : guidance));
        }
        if (checks.Count == 0 && problems.Count == 0)
            problems.Add("The checklist needs at least one check.");
        if (checks.Count > MaxLines)
            problems.Add($"The checklist can have at most {MaxLines} checks.");
        return (checks, problems);
    }

    /// <summary>Replaces the unit's checklist, in one transaction.</summary>
    public static async Task SaveAsync(DeskDb db, IReadOnlyList<DueDiligenceCheck> checks, string savedBy, DateTime at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(checks);
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.ChecklistLines.ExecuteDeleteAsync(cancellationToken);
            db.ChecklistLines.AddRange(checks.Select((c, i) => new ChecklistLine(i + 1, c.Title, c.Guidance, at, savedBy)));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
    }
}

using ConnexDesk.Data;
using ConnexDesk.Domain.Experts;
using Microsoft.EntityFrameworkCore;

namespace ConnexDesk.Features.Experts;

public sealed record RosterImport(int Added, int Updated, IReadOnlyList<RosterProblem> Problems)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>The unit's roster of experts: imported from CSV (all rows or none), one expert per email address.</summary>
public sealed class ExpertRoster(DeskDb db, TimeProvider clock)
{
    public async Task<RosterImport> ImportAsync(byte[] file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Length > RosterFile.MaxBytes)
            return new(0, 0, [new RosterProblem(1, $"The file is larger than {RosterFile.MaxBytes / 1024 / 1024} MB.")]);
        var now = clock.GetUtcNow().UtcDateTime;
        var parsed = RosterFile.Parse(file, now.Year);
        if (parsed.Problems.Count > 0)
            return new(0, 0, parsed.Problems);
        var emails = parsed.Profiles.Select(p => p.Email.ToLowerInvariant()).ToList();
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var existing = await db.Experts.Include(e => e.PastClients).Where(e => emails.Contains(e.Email)).ToDictionaryAsync(e => e.Email, cancellationToken);
            var added = 0;
            foreach (var profile in parsed.Profiles)
            {
                if (!existing.TryGetValue(profile.Email.ToLowerInvariant(), out var expert))
                {
                    expert = new Expert(profile.Name, profile.Email, now);
                    db.Experts.Add(expert);
                    added++;
                }
                expert.UpdateProfile(profile, now);
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new RosterImport(added, parsed.Profiles.Count - added, []);
        });
    }
}

using System.Reflection;
using ConnexDesk.Data;
using ConnexDesk.Domain.Eligibility;
using Microsoft.EntityFrameworkCore;

namespace ConnexDesk.Features.Eligibility;

public sealed record NewListVersion(ListKind Kind, string Label, DateOnly EffectiveFrom, string Source, byte[] Content, string ImportedBy);

public sealed record ImportResult(ReferenceListVersion? Version, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Version is not null;
}

/// <summary>The versions of the eligibility lists in the database: the built-in ones and those an administrator loads.</summary>
public sealed class ReferenceLists(DeskDb db, TimeProvider clock)
{
    public sealed record BuiltIn(string File, ListKind Kind, string Label, DateOnly EffectiveFrom, string Source);

    public static IReadOnlyList<BuiltIn> BuiltIns { get; } =
    [
        new("dac-2024-flows.csv", ListKind.DacRecipients, "OECD DAC List of ODA Recipients, 2024 flows", new(2024, 1, 1),
            "OECD DAC List of ODA Recipients for reporting on 2024 flows (OECD CSV, cross-checked with the CRS code list); see SOURCES.md"),
        new("dac-2025-flows.csv", ListKind.DacRecipients, "OECD DAC List of ODA Recipients, 2025 and 2026 flows", new(2025, 1, 1),
            "The 2024 list revised as the OECD announced for 2025 and 2026 reporting: São Tomé and Príncipe as LMIC; see SOURCES.md"),
        new("un-wesp-economies-in-transition.csv", ListKind.EconomiesInTransition, "UN WESP economies in transition, 2020 to 2026 editions", new(2020, 1, 1),
            "UN DESA World Economic Situation and Prospects, country classification; see SOURCES.md"),
        new("un-ldc-list.csv", ListKind.LeastDeveloped, "UN list of least developed countries, with graduations to 2029", new(2020, 1, 1),
            "UN M49 LDC flags (UNSD) and UN General Assembly graduation decisions; see SOURCES.md"),
    ];

    public async Task<IReadOnlyList<ReferenceListVersion>> AllAsync(CancellationToken cancellationToken = default) =>
        await db.ReferenceListVersions.AsNoTracking().Include(v => v.Entries).ToListAsync(cancellationToken);

    public async Task<ImportResult> ImportAsync(NewListVersion request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Label))
            return new(null, ["Give the version a label, e.g. \"OECD DAC List of ODA Recipients, 2027 flows\"."]);
        var parsed = ReferenceListFile.Parse(request.Kind, request.Content);
        if (!parsed.Succeeded)
            return new(null, parsed.Errors);
        var label = request.Label.Trim();
        if (await db.ReferenceListVersions.AnyAsync(v => v.Kind == request.Kind && v.Label == label, cancellationToken))
            return new(null, [$"A version labelled '{label}' is already loaded; give the new one its own label."]);
        var version = new ReferenceListVersion(request.Kind, label, request.EffectiveFrom, request.Source.Trim(), clock.GetUtcNow().UtcDateTime,
            request.ImportedBy, parsed.Sha256, parsed.Entries);
        db.ReferenceListVersions.Add(version);
        await db.SaveChangesAsync(cancellationToken);
        return new(version, []);
    }

    /// <summary>Loads the built-in versions that are not in the database yet. Runs with every migration.</summary>
    public static async Task EnsureBuiltInAsync(DeskDb db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var present = await db.ReferenceListVersions.Select(v => new { v.Kind, v.Label }).ToListAsync(cancellationToken);
        var missing = BuiltIns.Where(b => !present.Any(p => p.Kind == b.Kind && p.Label == b.Label)).ToList();
        if (missing.Count == 0)
            return;
        db.ReferenceListVersions.AddRange(missing.Select(b => Load(b, DateTime.UtcNow)));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The built-in versions as the domain sees them, straight from the embedded files.</summary>
    public static IReadOnlyList<ReferenceListVersion> LoadBuiltIns() => [.. BuiltIns.Select(b => Load(b, DateTime.UtcNow))];

    private static ReferenceListVersion Load(BuiltIn builtIn, DateTime at)
    {
        var parsed = ReferenceListFile.Parse(builtIn.Kind, Read(builtIn.File));
        if (!parsed.Succeeded)
            throw new InvalidOperationException($"Built-in list {builtIn.File} is invalid: {string.Join(" ", parsed.Errors)}");
        return new ReferenceListVersion(builtIn.Kind, builtIn.Label, builtIn.EffectiveFrom, builtIn.Source, at, "built-in", parsed.Sha256, parsed.Entries);
    }

    private static byte[] Read(string file)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Eligibility." + file)
            ?? throw new InvalidOperationException($"Built-in list {file} is not embedded in the application.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

using ConnexDesk.Domain.Cases;
using ConnexDesk.Domain.Experts;

namespace ConnexDesk.Tests.Support;

/// <summary>Roster experts for domain tests, with the ids the database would give them.</summary>
public static class ExpertBuilder
{
    private static readonly DateTime Added = new(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc);

    public static Expert Expert(int id, string name, string languages = "fr:C1", string disciplines = "", string sectors = "", string regions = "",
        string? nationality = null, params ExpertTie[] ties)
    {
        var expert = new Expert(name, $"{name.Replace(' ', '.').ToLowerInvariant()}@roster.example", Added);
        typeof(Expert).GetProperty(nameof(Domain.Experts.Expert.Id))!.SetValue(expert, id);
        expert.UpdateProfile(new ExpertProfile(
            name,
            expert.Email,
            nationality,
            [.. List(languages).Select(l => l.Split(':')).Select(p => new ExpertLanguage(p[0], p.Length > 1 ? p[1] : null))],
            [.. List(disciplines).Select(Enum.Parse<Discipline>)],
            [.. List(sectors).Select(Enum.Parse<Sector>)],
            [.. List(regions)],
            650,
            "EUR",
            ties), Added);
        return expert;
    }

    private static string[] List(string text) => text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

using ConnexDesk.Domain.Sanctions;

namespace ConnexDesk.Tests.Sanctions;

/// <summary>Screening names: variants of a listed name are caught, names that merely share words are not.</summary>
public sealed class NameMatchingTests
{
    private static readonly SanctionsIndex Index = new(
    [
        new(SanctionsList.UnConsolidated, "EXi.001", ListedKind.Person, "ABDOULAYE MOUSSA KONATÉ", ["ABDOULAYE MOUSSA KONATÉ", "Abdoulaye Konate", "Le Doyen"]),
        new(SanctionsList.UnConsolidated, "EXe.001", ListedKind.Entity, "NORTHERN STAR EXTRACTION COMPANY LIMITED",
            ["NORTHERN STAR EXTRACTION COMPANY LIMITED", "NSEC", "Compagnie d'Extraction de l'Étoile du Nord"]),
        new(SanctionsList.EuFinancialSanctions, "EU.9001.01", ListedKind.Entity, "Blue Lagoon Resources JSC", ["Blue Lagoon Resources JSC", "АО Голубая Лагуна Ресурсы"]),
        new(SanctionsList.EuFinancialSanctions, "EU.9002.02", ListedKind.Person, "Olena Vasylenko", ["Olena Vasylenko", "Елена Василенко"]),
        // The common words of the trade, as a real list has them many times over.
        .. new[] { "Sahel Gold Mining", "Atlantic Resources International", "Golden Star Trading", "Northern Energy Holdings", "Gold Mining Services",
            "Pacific Mining Resources", "International Trading Company", "Star Minerals", "Eastern Gold Resources", "Global Mining Trading",
            "Moussa Traore", "Abdoulaye Diallo", "Mining and Resources Group", "Red Sea Trading", "Blue Nile Mining" }
            .Select((name, i) => new ListedParty(SanctionsList.UnConsolidated, $"F.{i}", ListedKind.Entity, name, [name])),
    ]);

    [Theory]
    [InlineData("Abdoulaye Moussa Konate", "EXi.001")]
    [InlineData("KONATÉ, Abdoulaye Moussa", "EXi.001")]
    [InlineData("Abdoulaye Konaté", "EXi.001")]
    [InlineData("Northern Star Extraction Co. Ltd", "EXe.001")]
    [InlineData("Northern Star Extraction Limited", "EXe.001")]
    [InlineData("N.S.E.C.", "EXe.001")]
    [InlineData("Compagnie d'Extraction de l'Etoile du Nord SARL", "EXe.001")]
    [InlineData("Blue Lagoon Resources", "EU.9001.01")]
    [InlineData("BLUE LAGOON RESOURCES J.S.C.", "EU.9001.01")]
    [InlineData("Blue Lagoon Resource Ltd", "EU.9001.01")]
    [InlineData("Elena Vasilenko", "EU.9002.02")]
    [InlineData("Vasylenko Olena", "EU.9002.02")]
    [InlineData("Olena Vasilenko", "EU.9002.02")]
    public void A_variant_of_a_listed_name_is_a_possible_hit(string name, string reference)
    {
        var hits = Index.Screen(name);

        Assert.Equal(reference, Assert.Single(hits).Entry.Reference);
        Assert.InRange(hits[0].Score, NameMatching.HitThreshold, 1);
    }

    [Theory]
    [InlineData("Northern Star Mining")]
    [InlineData("Blue Ocean Resources")]
    [InlineData("Lagoon Gold Trading")]
    [InlineData("Abdoulaye Diop")]
    [InlineData("Moussa Konaré Construction")]
    [InlineData("Star Extraction Services")]
    [InlineData("Kalemba Gold Mining SA")]
    [InlineData("Ltd")]
    [InlineData("")]
    public void A_name_that_only_shares_some_words_with_a_listed_one_is_not_a_hit(string name)
    {
        var hits = Index.Screen(name);

        Assert.True(hits.Count == 0, $"{name} → {string.Join("; ", hits.Select(h => $"{h.MatchedName} {h.Score}"))}");
    }

    [Theory]
    [InlineData("S.A.R.L. Étoile du Nord & Cie", new[] { "etoile", "nord" })]
    [InlineData("АО Голубая Лагуна", new[] { "golubaya", "laguna" })]
    [InlineData("Ηλιος Μεταλλεία", new[] { "ilios", "metalleia" })]
    public void Names_are_reduced_to_latin_tokens_without_legal_forms_or_joining_words(string name, string[] tokens) =>
        Assert.Equal(tokens, NameMatching.Tokens(name));
}

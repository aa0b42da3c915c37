using ConnexDesk.Features.Outbox;

namespace ConnexDesk.Tests.Intake;

public sealed class AcknowledgementLanguageTests
{
    [Theory]
    [InlineData("Le ministère des Mines souhaite bénéficier d'un appui pour la renégociation de la convention minière avec la société.", "fr")]
    [InlineData("El Ministerio de Energía solicita el apoyo de la unidad para la negociación del contrato con los inversores.", "es")]
    [InlineData("O Ministério dos Recursos Minerais solicita apoio para a renegociação do contrato de concessão com os investidores.", "pt")]
    [InlineData("The Ministry of Mines would like support for the renegotiation of the mining convention with the investor.", "en")]
    public void The_language_of_a_letter_is_told_by_its_common_words(string text, string language) =>
        Assert.Equal(language, Acknowledgement.LanguageOf(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("CNX-2026-0042")]
    [InlineData("Mozambique Moçambique")]
    public void Too_little_text_tells_nothing(string? text) => Assert.Null(Acknowledgement.LanguageOf(text));

    [Fact]
    public void The_declared_language_comes_first_then_the_text_then_the_country()
    {
        const string portuguese = "O Ministério solicita apoio para a renegociação do contrato com os investidores.";
        Assert.Equal("fr", Acknowledgement.LanguageFor("fr-SN", portuguese, "MZ"));
        Assert.Equal("pt", Acknowledgement.LanguageFor(null, portuguese, "SN"));
        Assert.Equal("es", Acknowledgement.LanguageFor(null, "Bauxite", "BO"));
        Assert.Equal("en", Acknowledgement.LanguageFor(null, null, null));
    }
}

using Microsoft.Playwright;

namespace ConnexDesk.BrowserTests;

/// <summary>A ministry official who has never heard of the unit finds out, in their language, whether to apply.</summary>
[Collection(BrowserSuite.Name)]
public sealed class SelfCheckTests(BrowserDesk browser)
{
    [Fact]
    public async Task A_french_speaking_official_checks_eligibility_from_the_home_page()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Language" }).GetByRole(AriaRole.Link, new() { Name = "Français" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Un appui d'experts aux gouvernements qui négocient des contrats complexes");

        await page.GetByRole(AriaRole.Link, new() { Name = "Vérifier si votre demande est éligible" }).ClickAsync();
        await page.GetByLabel("Votre pays").SelectOptionAsync(new SelectOptionValue { Label = "Côte d'Ivoire" });
        await page.Locator("input[name=government][value=true]").CheckAsync();
        await page.Locator("input[name=negotiation][value=true]").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier" }).ClickAsync();

        var answer = page.Locator("section.answer");
        await Assertions.Expect(answer.Locator("h2")).ToHaveTextAsync("Oui, votre demande peut être appuyée.");
        await Assertions.Expect(answer).ToContainTextAsync("Côte d'Ivoire : figure sur la liste");
        await Assertions.Expect(answer).ToContainTextAsync("Écrivez un courriel informel à l'unité");
        await BrowserDesk.ScreenshotAsync(page, "self-check-fr");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_portuguese_speaking_official_learns_why_a_request_does_not_qualify()
    {
        var page = await browser.NewPageAsync(width: 390, height: 844);
        await page.GotoAsync("/eligibility");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Language" }).GetByRole(AriaRole.Link, new() { Name = "Português" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Podemos apoiar a sua negociação?");

        await page.GetByLabel("O seu país").SelectOptionAsync("AO");
        await page.Locator("input[name=government][value=true]").CheckAsync();
        await page.Locator("input[name=negotiation][value=false]").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Verificar" }).ClickAsync();

        var answer = page.Locator("section.answer");
        await Assertions.Expect(answer.Locator("h2")).ToHaveTextAsync("Este pedido não cumpre as condições.");
        await Assertions.Expect(answer).ToContainTextAsync("Angola: consta da lista");
        await Assertions.Expect(answer).ToContainTextAsync("O apoio destina-se a uma negociação ou renegociação");
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        await BrowserDesk.ScreenshotAsync(page, "self-check-pt-phone");
        Assert.True(width <= 390, $"The self-check scrolls sideways on a phone ({width}px wide).");
        await page.Context.CloseAsync();
    }
}

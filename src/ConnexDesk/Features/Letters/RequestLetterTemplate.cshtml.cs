using System.Globalization;
using ConnexDesk.Data;
using ConnexDesk.Domain.Cases;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConnexDesk.Features.Letters;

/// <summary>
/// The request-letter template for any government, from the public pages: a Word file in the chosen language with
/// a heading for each thing the unit asks a request letter to contain. Nothing about any case is in it.
/// </summary>
[AllowAnonymous]
public sealed class RequestLetterTemplateModel(DeskDb db, LetterComposer composer, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? language)
    {
        var chosen = LetterLanguages.IsKnown(language) ? language! : LetterLanguages.OrEnglish(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
        var wording = await LetterTemplates.CurrentAsync(db, LetterKind.RequestLetterTemplate, chosen, HttpContext.RequestAborted);
        var blank = new LetterFacts { Language = chosen, Date = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime) };
        var docx = DocxLetter.Write(composer.Compose(LetterKind.RequestLetterTemplate, wording, blank));
        return File(docx, Intake.MailReading.WordDocument, $"request-letter-template-{chosen}.docx");
    }
}

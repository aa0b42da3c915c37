using System.Globalization;
using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using CsvHelper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ConnexDesk.Features.Reporting;

/// <summary>
/// The public record of the support given, and the same as a CSV file for annual reports. A country appears by name
/// only with its recorded consent; otherwise the line says the name is withheld.
/// </summary>
[AllowAnonymous]
public sealed class SupportGivenModel(DeskDb db) : PageModel
{
    public IReadOnlyList<PublishedSupport> Lines { get; private set; } = [];

    public async Task OnGetAsync() => Lines = await LoadAsync();

    public async Task<IActionResult> OnGetCsvAsync()
    {
        var lines = await LoadAsync();
        await using var text = new StringWriter(CultureInfo.InvariantCulture);
        await using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            csv.WriteField("year");
            csv.WriteField("country");
            csv.WriteField("sector");
            csv.WriteField("negotiation_stage");
            csv.WriteField("support");
            await csv.NextRecordAsync();
            foreach (var line in lines)
            {
                csv.WriteField(line.Year);
                csv.WriteField(line.CountryCode is null ? "name withheld" : Countries.Name(line.CountryCode));
                csv.WriteField(line.Sector is { } sector ? CaseWords.Sector(sector) : "");
                csv.WriteField(line.NegotiationStage is { } stage ? CaseWords.NegotiationStage(stage) : "");
                csv.WriteField(line.Completed ? "completed" : "ongoing");
                await csv.NextRecordAsync();
            }
        }
        return File(System.Text.Encoding.UTF8.GetBytes(text.ToString()), "text/csv; charset=utf-8", "support-given.csv");
    }

    private async Task<List<PublishedSupport>> LoadAsync()
    {
        // The same public lines for everyone, signed in or not: past the query filter, and nothing but PublishedSupport leaves.
        var cases = await db.Cases.AsNoTracking().IgnoreQueryFilters().Include(c => c.Agreement).Where(c => c.Agreement != null).ToListAsync(HttpContext.RequestAborted);
        return [.. cases.Select(PublishedSupport.Of).OfType<PublishedSupport>().OrderByDescending(l => l.Year).ThenBy(l => l.Sector)];
    }
}

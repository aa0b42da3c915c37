using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ConnexDesk.Domain;
using ConnexDesk.Features.Cases;
using ConnexDesk.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ConnexDesk.Features.Intake;

/// <summary>
/// "Get in touch": the public form becomes an email to the unit and goes through the same intake pipeline as mail,
/// so it opens an inquiry exactly as an email does. The form, not the visitor's text, supplies country and ministry.
/// </summary>
[AllowAnonymous]
public sealed partial class ContactModel(IngestMessage ingest, ContactFormLimiter limiter, IOptions<DeskOptions> desk, IStringLocalizer<SharedResource> localizer, ILogger<ContactModel> logger) : PageModel
{
    [BindProperty] public ContactInput Input { get; set; } = new();

    /// <summary>The honeypot: hidden from people, filled by bots.</summary>
    [BindProperty] public string? Website { get; set; }

    public string Language { get; } = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    public IReadOnlyList<(string Code, string Name)> CountryChoices { get; private set; } = [];

    public void OnGet() => LoadChoices();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!limiter.Allow(HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown"))
        {
            logger.LogWarning("Contact form rate limit reached for {Address}", HttpContext.Connection.RemoteIpAddress);
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }
        if (!string.IsNullOrEmpty(Website))
        {
            // Answer a bot as if all went well; nothing is stored.
            logger.LogWarning("Contact form honeypot filled from {Address}; nothing stored", HttpContext.Connection.RemoteIpAddress);
            return RedirectToPage("/Intake/ContactThanks");
        }
        if (Countries.Normalise(Input.CountryCode) is null)
            ModelState.AddModelError("Input.CountryCode", localizer["Choose your country."]);
        foreach (var (field, value) in Input.TextFields())
        {
            if (value is not null && Markup().IsMatch(value))
                ModelState.AddModelError("Input." + field, localizer["Please write plain text, without HTML."]);
        }
        if (!ModelState.IsValid)
        {
            LoadChoices();
            return Page();
        }

        var raw = Compose(Input, desk.Value.UnitEmail, Language);
        var result = await ingest.RunAsync(raw, "contact-form", "contact:" + Guid.NewGuid().ToString("N"),
            new IntakeHints(Countries.Normalise(Input.CountryCode), Input.Ministry.Trim(), Summary: Input.About.Trim(),
                Contact: new NewContact(Input.Name.Trim(), Input.Email.Trim(), Input.Phone, Input.Position)));
        logger.LogInformation("Contact form from {Address}: {Outcome} {Case}", HttpContext.Connection.RemoteIpAddress, result.Outcome, result.CaseReference);
        return RedirectToPage("/Intake/ContactThanks", new { reference = result.CaseReference });
    }

    private void LoadChoices() =>
        CountryChoices = [.. Countries.Every.Select(c => (c.Code, c.NameIn(Language))).OrderBy(c => c.Item2, StringComparer.Create(CultureInfo.CurrentUICulture, true))];

    /// <summary>The form as the email it stands for: plain text, the visitor as sender, the unit as recipient.</summary>
    public static byte[] Compose(ContactInput input, string unitEmail, string language)
    {
        ArgumentNullException.ThrowIfNull(input);
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(input.Name.Trim(), input.Email.Trim()));
        message.To.Add(MailboxAddress.Parse(unitEmail));
        message.Subject = $"{input.Ministry.Trim()}: {OneLine(input.About, 120)}";
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("contact.connexdesk.invalid");
        message.Headers.Add("X-ConnexDesk-Source", "contact-form");
        message.Headers.Add(HeaderId.ContentLanguage, language);
        var body = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Name: {input.Name.Trim()}")
            .AppendLine(CultureInfo.InvariantCulture, $"Position: {input.Position?.Trim()}")
            .AppendLine(CultureInfo.InvariantCulture, $"Ministry or office: {input.Ministry.Trim()}")
            .AppendLine(CultureInfo.InvariantCulture, $"Country: {Countries.Name(Countries.Normalise(input.CountryCode))} ({Countries.Normalise(input.CountryCode)})")
            .AppendLine(CultureInfo.InvariantCulture, $"Email: {input.Email.Trim()}")
            .AppendLine(CultureInfo.InvariantCulture, $"Phone: {input.Phone?.Trim()}")
            .AppendLine()
            .AppendLine("What the negotiation is about:")
            .AppendLine(input.About.Trim())
            .AppendLine()
            .AppendLine("Timeline:")
            .AppendLine(input.Timeline?.Trim())
            .AppendLine()
            .AppendLine("(Sent with the contact form of the desk's public pages.)");
        message.Body = new TextPart("plain") { Text = body.ToString() };
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }

    private static string OneLine(string text, int length)
    {
        var line = string.Join(' ', text.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return line.Length > length ? line[..length] + "…" : line;
    }

    [GeneratedRegex(@"<\s*/?\s*[a-zA-Z!]")]
    private static partial Regex Markup();
}

public sealed class ContactInput
{
    [Required(ErrorMessage = "Give your name."), StringLength(200)]
    public string Name { get; set; } = "";

    [StringLength(200)]
    public string? Position { get; set; }

    [Required(ErrorMessage = "Give your ministry or office."), StringLength(300)]
    public string Ministry { get; set; } = "";

    [Required(ErrorMessage = "Choose your country.")]
    public string CountryCode { get; set; } = "";

    [Required(ErrorMessage = "Enter your email address."), EmailAddress(ErrorMessage = "Enter a valid email address."), StringLength(320)]
    public string Email { get; set; } = "";

    [StringLength(50)]
    public string? Phone { get; set; }

    [Required(ErrorMessage = "Say in a few words what the negotiation is about."), StringLength(4000, ErrorMessage = "Please keep it under 4000 characters; details can follow by email.")]
    public string About { get; set; } = "";

    [StringLength(1000)]
    public string? Timeline { get; set; }

    public IEnumerable<(string Field, string? Value)> TextFields() =>
        [(nameof(Name), Name), (nameof(Position), Position), (nameof(Ministry), Ministry), (nameof(Phone), Phone), (nameof(About), About), (nameof(Timeline), Timeline)];
}

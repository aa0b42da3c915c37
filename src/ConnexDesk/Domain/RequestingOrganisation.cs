namespace ConnexDesk.Domain;

public enum GovernmentLevel
{
    National,
    SubNational,
}

/// <summary>The ministry or office of a government that asks the unit for support.</summary>
public sealed class RequestingOrganisation
{
    private RequestingOrganisation()
    {
        Name = "";
        CountryCode = "";
    }

    public RequestingOrganisation(string name, string countryCode, GovernmentLevel level)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(countryCode);
        Name = name.Trim();
        CountryCode = countryCode.Trim().ToUpperInvariant();
        Level = level;
    }

    public int Id { get; private set; }
    public string Name { get; private set; }

    /// <summary>ISO 3166-1 alpha-2, plus XK for Kosovo.</summary>
    public string CountryCode { get; private set; }

    public GovernmentLevel Level { get; private set; }

    /// <summary>The organisation's own mail domain (e.g. mines.gouv.sn): mail from it is linked to the organisation.</summary>
    public string? MailDomain { get; private set; }

    private readonly List<OrganisationContact> _contacts = [];

    /// <summary>Records the mail domain; refuses public mail services, whose users are anyone.</summary>
    public string? SetMailDomain(string? domain)
    {
        var cleaned = domain?.Trim().TrimStart('@').ToLowerInvariant();
        if (string.IsNullOrEmpty(cleaned))
        {
            MailDomain = null;
            return null;
        }
        if (!cleaned.Contains('.', StringComparison.Ordinal) || cleaned.Contains(' ', StringComparison.Ordinal) || cleaned.Length > 253)
            return $"'{domain}' is not a mail domain.";
        if (PublicMailServices.Contains(cleaned))
            return $"{cleaned} is a public mail service: anyone can have an address there.";
        MailDomain = cleaned;
        return null;
    }

    private static readonly HashSet<string> PublicMailServices =
        ["gmail.com", "googlemail.com", "yahoo.com", "yahoo.fr", "hotmail.com", "hotmail.fr", "outlook.com", "live.com", "aol.com", "icloud.com", "gmx.de", "gmx.net", "proton.me", "protonmail.com", "mail.ru", "yandex.ru", "orange.fr", "laposte.net"];

    public IReadOnlyList<OrganisationContact> Contacts => _contacts;

    /// <summary>The contacts the unit's letters can be sent to: those with an email address, first recorded first.</summary>
    public IReadOnlyList<OrganisationContact> LetterRecipients() => [.. _contacts.Where(c => !string.IsNullOrWhiteSpace(c.Email)).OrderBy(c => c.Id)];

    /// <summary>Adds a person of this organisation; a second contact with the same email is not added twice.</summary>
    public OrganisationContact? AddContact(string name, string? email, string? phone, string? position)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var contact = new OrganisationContact(name, email, phone, position);
        if (contact.Email is not null && _contacts.Any(c => string.Equals(c.Email, contact.Email, StringComparison.OrdinalIgnoreCase)))
            return null;
        _contacts.Add(contact);
        return contact;
    }
}

/// <summary>A person at the requesting organisation: the focal point, a director, a legal adviser.</summary>
public sealed class OrganisationContact
{
    private OrganisationContact()
    {
        Name = "";
    }

    internal OrganisationContact(string name, string? email, string? phone, string? position)
    {
        Name = name.Trim();
        Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        Phone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
        Position = string.IsNullOrWhiteSpace(position) ? null : position.Trim();
    }

    public int Id { get; private set; }
    public string Name { get; private set; }
    public string? Email { get; private set; }
    public string? Phone { get; private set; }
    public string? Position { get; private set; }

    public override string ToString() =>
        string.Join(", ", new[] { Name, Position, Email, Phone }.Where(part => !string.IsNullOrEmpty(part)));
}

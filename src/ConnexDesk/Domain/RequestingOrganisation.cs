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
}

using System.Globalization;

namespace ConnexDesk.Domain;

/// <summary>
/// A sentence the domain says to a person: why a step cannot be taken, on what basis a country qualifies.
/// <see cref="Template"/> is an English composite format string that the web layer localises; <see cref="Args"/> fill it.
/// </summary>
public sealed record Reason(string Template, params object[] Args)
{
    public override string ToString() => string.Format(CultureInfo.InvariantCulture, Template, Args);
}

/// <summary>A country inside a <see cref="Reason"/>: English by default, named in the reader's language by the web layer.</summary>
public sealed record CountryName(string Code)
{
    public override string ToString() => Countries.Name(Code);
}

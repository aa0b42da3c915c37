using System.Security.Cryptography;
using System.Text;
using ConnexDesk.Domain.Sanctions;

namespace ConnexDesk.Domain.Experts;

/// <summary>One published text of the Code of Conduct. The latest is in force; experts sign that exact text.</summary>
public sealed class CodeOfConductVersion
{
    private CodeOfConductVersion()
    {
        Label = "";
        Text = "";
        Sha256 = "";
        PublishedBy = "";
    }

    public CodeOfConductVersion(string label, string text, DateTime publishedAt, string publishedBy)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        Label = label.Trim();
        Text = text.Trim();
        Sha256 = HashOf(Text);
        PublishedAt = publishedAt;
        PublishedBy = publishedBy;
    }

    public int Id { get; private set; }

    /// <summary>How cases and signatures name it, e.g. "2026-1".</summary>
    public string Label { get; private set; }
    public string Text { get; private set; }

    /// <summary>SHA-256 of the UTF-8 text: what a signature binds to.</summary>
    public string Sha256 { get; private set; }
    public DateTime PublishedAt { get; private set; }
    public string PublishedBy { get; private set; }

    public static string HashOf(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

/// <summary>An expert's signature of one version: the name they typed, their consent, when, and the hash of the text they were shown.</summary>
public sealed class CodeOfConductSignature
{
    private CodeOfConductSignature()
    {
        VersionLabel = "";
        TextSha256 = "";
        TypedName = "";
        SignedByUserId = "";
    }

    private CodeOfConductSignature(int expertId, CodeOfConductVersion version, string typedName, DateTime signedAt, string signedByUserId)
    {
        ExpertId = expertId;
        VersionId = version.Id;
        VersionLabel = version.Label;
        TextSha256 = version.Sha256;
        TypedName = typedName.Trim();
        Consented = true;
        SignedAt = signedAt;
        SignedByUserId = signedByUserId;
    }

    public int Id { get; private set; }
    public int ExpertId { get; private set; }
    public int VersionId { get; private set; }
    public string VersionLabel { get; private set; }
    public string TextSha256 { get; private set; }
    public string TypedName { get; private set; }
    public bool Consented { get; private set; }
    public DateTime SignedAt { get; private set; }
    public string SignedByUserId { get; private set; }

    /// <summary>
    /// Signs <paramref name="version"/> for <paramref name="expert"/>, or says why not: the version must be the one in
    /// force and the very text shown (<paramref name="shownSha256"/>), the typed name the expert's own, consent given.
    /// </summary>
    public static (CodeOfConductSignature? Signature, IReadOnlyList<Reason> Refusals) Sign(Expert expert, CodeOfConductVersion version, CodeOfConductVersion current,
        string? shownSha256, string? typedName, bool consent, DateTime at, string userId)
    {
        ArgumentNullException.ThrowIfNull(expert);
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(current);
        var refusals = new List<Reason>();
        if (version.Id != current.Id || shownSha256 != current.Sha256)
            refusals.Add(new Reason("A newer version of the Code of Conduct was published while you were reading; read it and sign that one."));
        if (!consent)
            refusals.Add(new Reason("Tick the box to confirm that you have read the Code of Conduct and agree to it."));
        if (string.IsNullOrWhiteSpace(typedName))
            refusals.Add(new Reason("Type your full name to sign."));
        else if (!SameName(typedName, expert.Name))
            refusals.Add(new Reason("Type your full name as the roster has it: {0}.", expert.Name));
        return refusals.Count > 0 ? (null, refusals) : (new CodeOfConductSignature(expert.Id, version, typedName!, at, userId), []);
    }

    /// <summary>The same name whatever the case, accents or punctuation ("awa ndiaye" signs for "Awa Ndiaye").</summary>
    private static bool SameName(string typed, string name) => NameMatching.Tokens(typed).SequenceEqual(NameMatching.Tokens(name));
}

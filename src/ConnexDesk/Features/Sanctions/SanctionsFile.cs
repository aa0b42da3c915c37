using System.Globalization;
using System.Xml;
using ConnexDesk.Domain.Sanctions;

namespace ConnexDesk.Features.Sanctions;

/// <summary>A sanctions list file read whole: which list, when its publisher generated it, and its parties.</summary>
public sealed record SanctionsFileContent(SanctionsList List, DateTime? GeneratedAt, IReadOnlyList<ListedParty> Parties);

/// <summary>
/// Reads the lists in the formats their publishers use: the UN Security Council Consolidated List XML
/// (CONSOLIDATED_LIST) and the EU Financial Sanctions Files XML export (export, in the FSD namespace). Reading is
/// streamed and tolerant: elements the desk does not use are skipped, whatever they are. A file that is not
/// well-formed, is neither format, or lists nobody is refused with the reason.
/// </summary>
public static class SanctionsFile
{
    private const string EuNamespace = "http://eu.europa.ec/fpi/fsd/export";

    public static SanctionsFileContent Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreWhitespace = true };
        try
        {
            using var reader = XmlReader.Create(stream, settings);
            reader.MoveToContent();
            var content = reader.LocalName switch
            {
                "CONSOLIDATED_LIST" => ReadUn(reader),
                "export" when reader.NamespaceURI == EuNamespace => ReadEu(reader),
                _ => throw new SanctionsFileException($"the file is neither a UN consolidated list (CONSOLIDATED_LIST) nor an EU financial sanctions export; its root element is <{reader.Name}>."),
            };
            if (content.Parties.Count == 0)
                throw new SanctionsFileException("the file lists nobody; a list in force is never replaced by an empty one.");
            return content;
        }
        catch (XmlException failure)
        {
            throw new SanctionsFileException($"the file is not well-formed XML (line {failure.LineNumber}, position {failure.LinePosition}): {failure.Message}");
        }
    }

    private static SanctionsFileContent ReadUn(XmlReader reader)
    {
        var generated = Date(reader.GetAttribute("dateGenerated"));
        var parties = new List<ListedParty>();
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName is not ("INDIVIDUAL" or "ENTITY"))
                continue;
            var kind = reader.LocalName == "INDIVIDUAL" ? ListedKind.Person : ListedKind.Entity;
            using var party = reader.ReadSubtree();
            string? reference = null, dataId = null, original = null;
            var nameParts = new SortedDictionary<int, string>();
            var aliases = new List<string>();
            party.Read();
            while (!party.EOF)
            {
                // Reading an element's text moves to the next node already; only other nodes need a Read().
                if (party.NodeType != XmlNodeType.Element || party.IsEmptyElement || party.Depth == 0)
                {
                    party.Read();
                    continue;
                }
                switch (party.LocalName)
                {
                    case "FIRST_NAME": nameParts[1] = party.ReadElementContentAsString(); break;
                    case "SECOND_NAME": nameParts[2] = party.ReadElementContentAsString(); break;
                    case "THIRD_NAME": nameParts[3] = party.ReadElementContentAsString(); break;
                    case "FOURTH_NAME": nameParts[4] = party.ReadElementContentAsString(); break;
                    case "REFERENCE_NUMBER": reference = party.ReadElementContentAsString(); break;
                    case "DATAID": dataId = party.ReadElementContentAsString(); break;
                    case "NAME_ORIGINAL_SCRIPT": original = party.ReadElementContentAsString(); break;
                    case "ALIAS_NAME": aliases.Add(party.ReadElementContentAsString()); break;
                    default: party.Read(); break;
                }
            }
            var primary = string.Join(' ', nameParts.Values.Select(v => v.Trim()).Where(v => v.Length > 0));
            Add(parties, SanctionsList.UnConsolidated, reference ?? dataId, kind, primary, [primary, .. aliases, original]);
        }
        return new SanctionsFileContent(SanctionsList.UnConsolidated, generated, parties);
    }

    private static SanctionsFileContent ReadEu(XmlReader reader)
    {
        var generated = Date(reader.GetAttribute("generationDate"));
        var parties = new List<ListedParty>();
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "sanctionEntity")
                continue;
            var reference = reader.GetAttribute("euReferenceNumber") is { Length: > 0 } eu ? eu : reader.GetAttribute("logicalId");
            using var entity = reader.ReadSubtree();
            var kind = ListedKind.Entity;
            var names = new List<string>();
            while (entity.Read())
            {
                if (entity.NodeType != XmlNodeType.Element)
                    continue;
                if (entity.LocalName == "subjectType")
                    kind = entity.GetAttribute("code") == "person" ? ListedKind.Person : ListedKind.Entity;
                else if (entity.LocalName == "nameAlias")
                {
                    var whole = entity.GetAttribute("wholeName");
                    names.Add(string.IsNullOrWhiteSpace(whole)
                        ? string.Join(' ', new[] { entity.GetAttribute("firstName"), entity.GetAttribute("middleName"), entity.GetAttribute("lastName") }.Where(n => !string.IsNullOrWhiteSpace(n)))
                        : whole);
                }
            }
            var primary = names.FirstOrDefault(n => !string.IsNullOrWhiteSpace(n)) ?? "";
            Add(parties, SanctionsList.EuFinancialSanctions, reference, kind, primary, names);
        }
        return new SanctionsFileContent(SanctionsList.EuFinancialSanctions, generated, parties);
    }

    private static void Add(List<ListedParty> parties, SanctionsList list, string? reference, ListedKind kind, string primary, IEnumerable<string?> names)
    {
        var distinct = names.Select(n => n?.Trim()).Where(n => !string.IsNullOrEmpty(n)).Select(n => n!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (distinct.Count == 0 || string.IsNullOrWhiteSpace(reference))
            return;
        parties.Add(new ListedParty(list, reference.Trim(), kind, primary.Length > 0 ? primary : distinct[0], distinct));
    }

    private static DateTime? Date(string? text) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date) ? date : null;
}

public sealed class SanctionsFileException(string message) : Exception(message);

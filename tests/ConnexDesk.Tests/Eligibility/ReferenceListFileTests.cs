using System.Text;
using ConnexDesk.Domain.Eligibility;
using ConnexDesk.Features.Eligibility;

namespace ConnexDesk.Tests.Eligibility;

public sealed class ReferenceListFileTests
{
    private static ParsedList Parse(ListKind kind, string text) => ReferenceListFile.Parse(kind, Encoding.UTF8.GetBytes(text));

    [Fact]
    public void A_well_formed_list_is_read_with_its_groups_and_notes()
    {
        var parsed = Parse(ListKind.DacRecipients, "iso2,iso3,dac_name,group,note\nSN,SEN,Senegal,LDC,\"note, with comma\"\nke,KEN,Kenya,lmic,\n");

        Assert.True(parsed.Succeeded);
        Assert.Equal([("SN", "LDC", "note, with comma"), ("KE", "LMIC", null)], parsed.Entries.Select(e => (e.CountryCode, e.Group, e.Note)));
        Assert.Equal(64, parsed.Sha256.Length);
    }

    [Theory]
    [InlineData("", "The file is empty.")]
    [InlineData("iso2,iso3,name\nSN,SEN,Senegal\n", "Missing column(s) dac_name, group, note")]
    [InlineData("iso2,iso3,dac_name,group,note\nQQ,QQQ,Nowhere,LDC,\n", "Line 2: 'QQ' is not a known ISO 3166 alpha-2 code")]
    [InlineData("iso2,iso3,dac_name,group,note\nSN,SEN,Senegal,Rich,\n", "Line 2: group 'Rich' is not one of LDC, OtherLIC, LMIC, UMIC.")]
    [InlineData("iso2,iso3,dac_name,group,note\nSN,SEN,Senegal,LDC,\nSN,SEN,Senegal,LDC,\n", "Line 3: SN appears twice.")]
    [InlineData("iso2,iso3,dac_name,group,note\n", "The file has a header but no countries.")]
    public void A_bad_file_is_refused_whole_with_the_line_that_is_wrong(string text, string error)
    {
        var parsed = Parse(ListKind.DacRecipients, text);

        Assert.False(parsed.Succeeded);
        Assert.Contains(parsed.Errors, e => e.Contains(error, StringComparison.Ordinal));
    }

    [Fact]
    public void A_binary_or_oversized_file_is_refused()
    {
        Assert.Equal("This is not a text (CSV) file.", ReferenceListFile.Parse(ListKind.LeastDeveloped, [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00]).Errors.Single());
        Assert.Contains("larger than", ReferenceListFile.Parse(ListKind.LeastDeveloped, new byte[ReferenceListFile.MaxBytes + 1]).Errors.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_graduation_date_must_be_a_date()
    {
        var parsed = Parse(ListKind.LeastDeveloped, "iso2,iso3,name,graduation_date_or_blank,note\nBD,BGD,Bangladesh,24/11/2026,\n");

        Assert.Equal("Line 2: graduation date '24/11/2026' is not a date (YYYY-MM-DD).", parsed.Errors.Single());
    }
}

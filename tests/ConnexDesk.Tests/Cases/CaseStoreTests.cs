using System.Net;
using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Features.Cases;
using ConnexDesk.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConnexDesk.Tests.Cases;

/// <summary>Cases stored and worked through the desk, on SQLite and on PostgreSQL.</summary>
public abstract class CaseStoreTests<TDesk>(TDesk desk) : IClassFixture<TDesk> where TDesk : DeskFactory
{
    private static readonly CaseActor Cli = CaseActor.CommandLine;

    private Task<Case> OpenAsync(string title = "Lithium concession", string country = "BO", string? officerId = null) =>
        desk.InScopeAsync(async services =>
        {
            var result = await services.GetRequiredService<OpenCase>().RunAsync(
                new NewCase(new CaseDetails(country, title, Sector: Sector.Mining), "Ministry of Hydrocarbons and Energy", AssignedOfficerId: officerId,
                    Counterparties: [new NewCounterparty("Andes Lithium Corp", "CL", CounterpartyKind.Company)]), Cli);
            Assert.True(result.Succeeded, result.Error);
            return result.Case!;
        });

    [Fact]
    public async Task Parallel_creation_hands_out_every_number_once_and_without_gaps()
    {
        var year = DateTime.UtcNow.Year;
        var before = await desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().Cases.Where(c => c.Year == year).Select(c => (int?)c.Number).MaxAsync()) ?? 0;

        var cases = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => OpenAsync($"Parallel request {i}"))));

        var numbers = cases.Select(c => c.Number).Order().ToList();
        Assert.Equal(Enumerable.Range(before + 1, 40), numbers);
        Assert.All(cases, c => Assert.Equal($"CNX-{year:D4}-{c.Number:D4}", c.Reference));
    }

    [Fact]
    public async Task A_lost_update_is_refused_not_silently_overwritten()
    {
        var opened = await OpenAsync("Concurrency case");
        await using var first = desk.Services.CreateAsyncScope();
        await using var second = desk.Services.CreateAsyncScope();
        var firstDb = first.ServiceProvider.GetRequiredService<DeskDb>();
        var secondDb = second.ServiceProvider.GetRequiredService<DeskDb>();
        var mine = (await firstDb.LoadAsync(opened.Reference, Cli))!;
        var theirs = (await secondDb.LoadAsync(opened.Reference, Cli))!;

        mine.ChangeDetails(new CaseDetails("BO", "Title set by the first person"), Cli, DateTime.UtcNow, null);
        await firstDb.SaveChangesAsync();
        theirs.ChangeDetails(new CaseDetails("BO", "Title set by the second person"), Cli, DateTime.UtcNow, null);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => secondDb.SaveChangesAsync());
        var stored = await desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().Cases.SingleAsync(c => c.Reference == opened.Reference));
        Assert.Equal("Title set by the first person", stored.Title);
    }

    [Fact]
    public async Task The_whole_aggregate_round_trips_through_the_database()
    {
        var opened = await OpenAsync("Round trip");

        var loaded = await desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().LoadAsync(opened.Reference, Cli));

        Assert.NotNull(loaded);
        Assert.Equal(CaseStage.Inquiry, loaded.Stage);
        Assert.Equal("Andes Lithium Corp", loaded.Counterparties.Single().Name);
        Assert.Equal(DateTimeKind.Utc, loaded.OpenedAt.Kind);
        Assert.Contains(loaded.History, h => h.Kind == HistoryKind.Opened);
    }

    [Fact]
    public async Task A_stale_form_is_answered_with_409_and_nothing_changes()
    {
        var officer = await desk.CreateUserAsync(Role.CaseOfficer, "Carla Officer");
        var opened = await OpenAsync("Stale form", officerId: officer.Id);
        var client = await desk.SignedInClientAsync(officer);
        var staleVersion = opened.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var note = await client.PostFormAsync($"/cases/{opened.Reference}", $"/cases/{opened.Reference}?handler=Note",
            new Dictionary<string, string> { ["version"] = staleVersion, ["text"] = "First note" });
        Assert.Equal(HttpStatusCode.Redirect, note.StatusCode);

        var step = await client.PostFormAsync($"/cases/{opened.Reference}", $"/cases/{opened.Reference}?handler=Step",
            new Dictionary<string, string> { ["version"] = staleVersion, ["step"] = nameof(CaseStep.AskForFormalRequest) });

        Assert.Equal(HttpStatusCode.Conflict, step.StatusCode);
        Assert.Contains("changed this case at", Forms.Text(await step.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var stored = await desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().Cases.SingleAsync(c => c.Reference == opened.Reference));
        Assert.Equal(CaseStage.Inquiry, stored.Stage);
    }

    [Fact]
    public async Task An_officer_opens_an_inquiry_from_the_form_and_takes_the_first_step()
    {
        var officer = await desk.CreateUserAsync(Role.CaseOfficer, "Paulo Officer");
        var client = await desk.SignedInClientAsync(officer);

        var created = await client.PostFormAsync("/cases/new", new Dictionary<string, string>
        {
            ["Input.CountryCode"] = "MZ",
            ["Input.OrganisationName"] = "Ministério dos Recursos Minerais e Energia",
            ["Input.OrganisationLevel"] = "National",
            ["Input.Title"] = "Acordo de concessão de gás",
            ["Input.Sector"] = "OilAndGas",
            ["Input.Services"] = "Legal",
            ["Counterparties[0].Name"] = "Rovuma LNG Partners",
            ["Counterparties[0].CountryCode"] = "MU",
            ["Counterparties[0].Kind"] = "Investor",
            ["HowTheyGotInTouch"] = "Telefonema do director nacional.",
            ["AssignToMe"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var casePath = created.Headers.Location!.OriginalString.Split('?')[0];
        var page = Forms.Text(await client.GetStringAsync(casePath));
        Assert.Contains("Acordo de concessão de gás", page, StringComparison.Ordinal);
        Assert.Contains("Rovuma LNG Partners", page, StringComparison.Ordinal);
        Assert.Contains("Telefonema do director nacional.", page, StringComparison.Ordinal);

        var reference = casePath.Split('/')[^1];
        var version = await desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().Cases.Where(c => c.Reference == reference).Select(c => c.Version).SingleAsync());
        var step = await client.PostFormAsync(casePath, casePath + "?handler=Step", new Dictionary<string, string>
        {
            ["version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["step"] = nameof(CaseStep.AskForFormalRequest),
            ["reason"] = "Guidance on the request letter sent.",
        });
        Assert.Equal(HttpStatusCode.Redirect, step.StatusCode);

        var after = Forms.Text(await client.GetStringAsync(casePath));
        Assert.Contains("Done: Ask for the formal request.", after, StringComparison.Ordinal);
        Assert.Contains("Waits for:", after, StringComparison.Ordinal);
        Assert.Contains("no formal request letter is on the case yet.", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Contacts_of_the_requesting_organisation_are_kept_and_their_addition_is_in_the_history()
    {
        var officer = await desk.CreateUserAsync(Role.CaseOfficer);
        var opened = await desk.InScopeAsync(async services => (await services.GetRequiredService<OpenCase>().RunAsync(
            new NewCase(new CaseDetails("CI", "Cocoa land concession"), $"Ministère de l'Agriculture {Guid.NewGuid():N}", AssignedOfficerId: officer.Id,
                Contact: new NewContact("Awa Koné", "awa.kone@agriculture.gouv.example", null, "Directrice des affaires juridiques")), Cli)).Case!);
        var client = await desk.SignedInClientAsync(officer);

        var added = await client.PostFormAsync($"/cases/{opened.Reference}", $"/cases/{opened.Reference}?handler=AddContact", new Dictionary<string, string>
        {
            ["version"] = opened.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["name"] = "Yao Kouassi",
            ["email"] = "y.kouassi@agriculture.gouv.example",
            ["position"] = "Conseiller technique",
        });
        var duplicateVersion = await desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().Cases.Where(c => c.Reference == opened.Reference).Select(c => c.Version).SingleAsync());
        var duplicate = await client.PostFormAsync($"/cases/{opened.Reference}", $"/cases/{opened.Reference}?handler=AddContact", new Dictionary<string, string>
        {
            ["version"] = duplicateVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["name"] = "Yao again",
            ["email"] = "Y.Kouassi@agriculture.gouv.example",
        });

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains("is already recorded", Forms.Text(await duplicate.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var page = Forms.Text(await client.GetStringAsync($"/cases/{opened.Reference}"));
        Assert.Contains("Awa Koné, Directrice des affaires juridiques", page, StringComparison.Ordinal);
        Assert.Contains("Yao Kouassi, Conseiller technique", page, StringComparison.Ordinal);
        var history = await desk.InScopeAsync(async services => (await services.GetRequiredService<DeskDb>().LoadAsync(opened.Reference, Cli))!.History);
        Assert.Equal(2, history.Count(h => h.Field == "Contacts"));
    }

    [Fact]
    public async Task A_refused_step_says_why_and_keeps_what_was_typed()
    {
        var officer = await desk.CreateUserAsync(Role.CaseOfficer);
        var opened = await OpenAsync("Refusal", officerId: officer.Id);
        var client = await desk.SignedInClientAsync(officer);

        var response = await client.PostFormAsync($"/cases/{opened.Reference}", $"/cases/{opened.Reference}?handler=Step", new Dictionary<string, string>
        {
            ["version"] = opened.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["step"] = nameof(CaseStep.Decline),
            ["reason"] = "My carefully written reason",
        });

        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Decline is not possible yet:", Forms.Text(page), StringComparison.Ordinal);
        Assert.Contains("Only managers can do this.", Forms.Text(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_officer_does_not_see_a_colleagues_case_but_sees_unassigned_ones()
    {
        var officer = await desk.CreateUserAsync(Role.CaseOfficer);
        var colleague = await desk.CreateUserAsync(Role.CaseOfficer);
        var colleagues = await OpenAsync("Colleague's confidential case", officerId: colleague.Id);
        var unassigned = await OpenAsync("Unassigned inquiry");
        var client = await desk.SignedInClientAsync(officer);

        var list = await client.GetStringAsync("/cases?sort=reference");

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/cases/{colleagues.Reference}")).StatusCode);
        Assert.DoesNotContain(colleagues.Reference, list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/cases/{unassigned.Reference}")).StatusCode);
    }

    [Theory]
    [InlineData(Role.FocalPoint)]
    [InlineData(Role.Expert)]
    [InlineData(Role.Administrator)]
    public async Task Only_unit_staff_reach_the_case_pages(Role role)
    {
        var opened = await OpenAsync("Staff only");
        var client = await desk.SignedInClientAsync(await desk.CreateUserAsync(role));

        foreach (var path in new[] { "/cases", "/cases/new", $"/cases/{opened.Reference}", $"/cases/{opened.Reference}/edit" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_list_filters_by_stage_country_and_text_and_counts_per_stage()
    {
        var manager = await desk.CreateUserAsync(Role.Manager);
        var marker = Guid.NewGuid().ToString("N")[..8];
        await OpenAsync($"Filter {marker} Bolivia", "BO");
        await OpenAsync($"Filter {marker} Ghana", "GH");
        var client = await desk.SignedInClientAsync(manager);

        var ghana = Forms.Text(await client.GetStringAsync($"/cases?q={marker}&country=GH"));
        var inquiries = Forms.Text(await client.GetStringAsync($"/cases?q={marker}&stage=Inquiry"));
        var none = Forms.Text(await client.GetStringAsync($"/cases?q={marker}&stage=Delivery"));

        Assert.Contains($"Filter {marker} Ghana", ghana, StringComparison.Ordinal);
        Assert.DoesNotContain($"Filter {marker} Bolivia", ghana, StringComparison.Ordinal);
        Assert.Contains("1 case(s) match.", ghana, StringComparison.Ordinal);
        Assert.Contains("2 case(s) match.", inquiries, StringComparison.Ordinal);
        Assert.Contains("No case matches these filters.", none, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Editing_records_each_changed_field_and_a_stale_edit_keeps_the_typed_values()
    {
        var officer = await desk.CreateUserAsync(Role.CaseOfficer);
        var opened = await OpenAsync("Before edit", officerId: officer.Id);
        var client = await desk.SignedInClientAsync(officer);
        var form = new Dictionary<string, string>
        {
            ["Version"] = opened.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.CountryCode"] = "BO",
            ["Input.OrganisationName"] = "Ministry of Hydrocarbons and Energy",
            ["Input.OrganisationLevel"] = "National",
            ["Input.Title"] = "After edit",
            ["Input.Sector"] = "Mining",
            ["Reason"] = "Title agreed with the ministry",
        };

        var saved = await client.PostFormAsync($"/cases/{opened.Reference}/edit", form);
        form["Input.Title"] = "My stale title";
        var stale = await client.PostFormAsync($"/cases/{opened.Reference}/edit", form);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var stalePage = await stale.Content.ReadAsStringAsync();
        Assert.Contains("value=\"My stale title\"", stalePage, StringComparison.Ordinal);
        Assert.Contains("Your changes are NOT saved yet", Forms.Text(stalePage), StringComparison.Ordinal);
        var history = await desk.InScopeAsync(async services => (await services.GetRequiredService<DeskDb>().LoadAsync(opened.Reference, Cli))!.History);
        var title = history.Single(h => h.Field == "Title");
        Assert.Equal(("Before edit", "After edit", "Title agreed with the ministry"), (title.OldValue, title.NewValue, title.Reason));
    }
}

public sealed class CaseStoreTestsOnSqlite(SqliteDesk desk) : CaseStoreTests<SqliteDesk>(desk);

public sealed class CaseStoreTestsOnPostgres(PostgresDesk desk) : CaseStoreTests<PostgresDesk>(desk);

using System.Net;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Features.Cases;
using ConnexDesk.Tests.Support;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ConnexDesk.Tests.Foundation;

/// <summary>
/// Every route of the application, from the endpoint data source, tried as every kind of person against a case of
/// another organisation: nobody succeeds where they should not, and a new page that is not in the table fails here.
/// </summary>
public sealed class AuthorisationTests(SqliteDesk desk) : IClassFixture<SqliteDesk>
{
    private enum Persona
    {
        Anonymous,
        FocalPointOfTheCase,
        FocalPointOfAnotherOrganisation,
        AssignedOfficer,
        UnassignedOfficer,
        Manager,
        ExpertEngagedAndSigned,
        ExpertEngagedButUnsigned,
        ExpertNotEngaged,
        Administrator,
    }

    private static readonly Persona[] Everyone = Enum.GetValues<Persona>();
    private static readonly Persona[] SignedIn = [.. Everyone.Where(p => p != Persona.Anonymous)];
    private static readonly Persona[] Staff = [Persona.AssignedOfficer, Persona.UnassignedOfficer, Persona.Manager];
    private static readonly Persona[] OnTheCase = [Persona.AssignedOfficer, Persona.Manager];
    private static readonly Persona[] Experts = [Persona.ExpertEngagedAndSigned, Persona.ExpertEngagedButUnsigned, Persona.ExpertNotEngaged];
    private static readonly Persona[] FocalPoints = [Persona.FocalPointOfTheCase, Persona.FocalPointOfAnotherOrganisation];

    /// <summary>Who may open each page. A route missing here fails the test: decide who may see it, then add it.</summary>
    private static readonly Dictionary<string, Persona[]> MayOpen = new()
    {
        ["/"] = Everyone,
        ["/access-denied"] = Everyone,
        ["/contact"] = Everyone,
        ["/contact/thanks"] = Everyone,
        ["/eligibility"] = Everyone,
        ["/error/{status:int?}"] = Everyone,
        ["/request-letter-template/{language?}"] = Everyone,
        ["/sign-in"] = Everyone,
        ["/sign-out"] = Everyone,
        ["/support-given"] = Everyone,
        ["/account/forgot-password"] = Everyone,
        // Only in the middle of signing in, or from a mailed link: asked for bare, both send the visitor back.
        ["/sign-in/two-factor"] = [],
        ["/account/reset-password"] = [],
        ["/account/password"] = SignedIn,
        ["/account/two-factor"] = SignedIn,
        // A focal point's desk is the portal.
        ["/desk"] = [.. SignedIn.Except(FocalPoints)],
        ["/portal"] = FocalPoints,
        ["/portal/{reference}"] = [Persona.FocalPointOfTheCase],
        ["/access/invitations"] = [Persona.Manager],
        ["/cases"] = Staff,
        ["/cases/new"] = Staff,
        ["/experts"] = Staff,
        ["/experts/{id:int}"] = Staff,
        ["/inbox"] = Staff,
        ["/timeliness"] = Staff,
        ["/cases/{reference}"] = OnTheCase,
        ["/cases/{reference}/calendar"] = OnTheCase,
        ["/cases/{reference}/delivery"] = OnTheCase,
        ["/cases/{reference}/edit"] = OnTheCase,
        ["/cases/{reference}/evaluation"] = OnTheCase,
        ["/cases/{reference}/experts"] = OnTheCase,
        ["/cases/{reference}/scoping"] = OnTheCase,
        // No message of the case is used here: nobody gets a page, but nobody may get past the case either.
        ["/cases/{reference}/reply/{message:long}"] = [],
        ["/audit"] = [Persona.Manager],
        ["/admin/code-of-conduct"] = [Persona.Administrator],
        ["/admin/eligibility-lists"] = [Persona.Administrator],
        ["/admin/sanctions-lists"] = [Persona.Administrator],
        ["/admin/due-diligence-checklist"] = [Persona.Administrator, Persona.Manager],
        ["/admin/letter-templates"] = [Persona.Administrator, Persona.Manager],
        ["/code-of-conduct"] = Experts,
        ["/my-engagements"] = Experts,
        ["/my-engagements/{reference}"] = [Persona.ExpertEngagedAndSigned],
    };

    private IReadOnlyList<string> PageRoutes() =>
        [.. desk.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];

    [Fact]
    public void Every_page_of_the_application_says_who_may_open_it()
    {
        var routes = PageRoutes();

        Assert.True(routes.Count >= MayOpen.Count, $"only {routes.Count} page routes found");
        var unlisted = routes.Where(r => !MayOpen.ContainsKey(r)).ToList();
        var gone = MayOpen.Keys.Where(r => !routes.Contains(r)).ToList();
        Assert.True(unlisted.Count == 0, "Pages nobody decided who may open (add them to MayOpen): " + string.Join(", ", unlisted));
        Assert.True(gone.Count == 0, "Pages in MayOpen that no longer exist: " + string.Join(", ", gone));
    }

    [Fact]
    public async Task Every_page_and_every_form_on_a_case_answers_only_those_who_may_see_it()
    {
        var (c, people, expertId) = await SetUpAsync();
        var clients = new Dictionary<Persona, HttpClient>();
        foreach (var persona in Everyone)
            clients[persona] = people.TryGetValue(persona, out var user) ? await desk.SignedInClientAsync(user) : desk.Client();
        var unauthorisedSuccesses = new List<string>();
        var refusedToTheEntitled = new List<string>();

        foreach (var route in PageRoutes())
        {
            var url = route.Replace("{reference}", c.Reference, StringComparison.Ordinal).Replace("{id:int}", expertId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{message:long}", "999999", StringComparison.Ordinal).Replace("{status:int?}", "404", StringComparison.Ordinal).Replace("{language?}", "fr", StringComparison.Ordinal);
            foreach (var persona in Everyone)
            {
                var response = await clients[persona].GetAsync(url);
                // The error and access-denied pages answer with the status they explain.
                var opened = response.StatusCode == HttpStatusCode.OK
                    || (route == "/error/{status:int?}" && response.StatusCode == HttpStatusCode.NotFound)
                    || (route == "/access-denied" && response.StatusCode == HttpStatusCode.Forbidden);
                var allowed = MayOpen[route].Contains(persona);
                if (opened && !allowed)
                    unauthorisedSuccesses.Add($"{persona} opened {url} ({(int)response.StatusCode})");
                if (!opened && allowed)
                    refusedToTheEntitled.Add($"{persona} could not open {url} ({(int)response.StatusCode} {response.Headers.Location})");
                if (!opened)
                    Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.Redirect,
                        $"{persona} on {url}: {(int)response.StatusCode}");
            }
        }

        // Every form of every case page, posted by everyone who may not see the case, with a valid antiforgery token of their own.
        var loader = desk.Services.GetRequiredService<PageLoader>();
        var casePages = desk.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.Contains("{reference}", StringComparison.Ordinal) && e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .ToList();
        var posts = 0;
        foreach (var endpoint in casePages)
        {
            var compiled = await loader.LoadAsync(endpoint.Metadata.GetMetadata<PageActionDescriptor>()!, endpoint.Metadata);
            var url = "/" + endpoint.RoutePattern.RawText!.TrimStart('/').Replace("{reference}", c.Reference, StringComparison.Ordinal).Replace("{message:long}", "999999", StringComparison.Ordinal);
            foreach (var handler in compiled.HandlerMethods.Where(h => string.Equals(h.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase)))
            {
                foreach (var persona in Everyone.Where(p => !MayOpen["/" + endpoint.RoutePattern.RawText!.TrimStart('/')].Contains(p)))
                {
                    var tokenPage = persona == Persona.Anonymous ? "/contact" : "/account/password";
                    var target = handler.Name is null ? url : $"{url}?handler={handler.Name}";
                    var response = await clients[persona].PostFormAsync(tokenPage, target, new Dictionary<string, string> { ["version"] = c.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) });
                    posts++;
                    var location = response.Headers.Location?.ToString() ?? "";
                    var refused = response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden
                        || (response.StatusCode == HttpStatusCode.Redirect && (location.Contains("/sign-in", StringComparison.Ordinal) || location.Contains("/access-denied", StringComparison.Ordinal)));
                    if (!refused)
                        unauthorisedSuccesses.Add($"{persona} posted {target}: {(int)response.StatusCode} {location}");
                }
            }
        }

        Assert.Empty(unauthorisedSuccesses);
        Assert.Empty(refusedToTheEntitled);
        Assert.True(posts >= 200, $"only {posts} forms were tried");
        var after = await desk.InScopeAsync(async services => (await services.GetRequiredService<Data.DeskDb>().LoadAsync(c.Reference, CaseActor.CommandLine))!);
        Assert.Equal(c.Version, after.Version);
    }

    /// <summary>
    /// A case of organisation B at expert selection, assigned to one officer, with two experts the government accepted
    /// (one signed the Code of Conduct in force, one did not) and one person of every kind; organisation A is the other one.
    /// </summary>
    private async Task<(Case Case, Dictionary<Persona, TestUser> People, int ExpertId)> SetUpAsync()
    {
        var people = new Dictionary<Persona, TestUser>
        {
            [Persona.FocalPointOfTheCase] = await desk.CreateUserAsync(Role.FocalPoint),
            [Persona.FocalPointOfAnotherOrganisation] = await desk.CreateUserAsync(Role.FocalPoint),
            [Persona.AssignedOfficer] = await desk.CreateUserAsync(Role.CaseOfficer),
            [Persona.UnassignedOfficer] = await desk.CreateUserAsync(Role.CaseOfficer),
            [Persona.Manager] = await desk.CreateUserAsync(Role.Manager),
            [Persona.ExpertEngagedAndSigned] = await desk.CreateUserAsync(Role.Expert),
            [Persona.ExpertEngagedButUnsigned] = await desk.CreateUserAsync(Role.Expert),
            [Persona.ExpertNotEngaged] = await desk.CreateUserAsync(Role.Expert),
            [Persona.Administrator] = await desk.CreateUserAsync(Role.Administrator),
        };
        var experts = await desk.InScopeAsync(async services =>
        {
            var csv = Features.Experts.RosterFile.Columns + string.Concat(Experts.Select(p => $"\nRoute {p},{people[p].Email},FR,fr,Legal,Mining,GN,900,EUR,"));
            var imported = await services.GetRequiredService<Features.Experts.ExpertRoster>().ImportAsync(System.Text.Encoding.UTF8.GetBytes(csv + "\n"));
            Assert.True(imported.Succeeded, string.Join("; ", imported.Problems));
            var db = services.GetRequiredService<Data.DeskDb>();
            var register = services.GetRequiredService<Features.Experts.CodeOfConductRegister>();
            var (version, _) = await register.PublishAsync("route-" + Guid.NewGuid().ToString("N")[..6], "Confidentiality and integrity.", "test");
            var ids = Experts.ToDictionary(p => p, p => db.Experts.Single(e => e.Email == people[p].Email));
            var (signature, refusals) = await register.SignAsync(ids[Persona.ExpertEngagedAndSigned], version!.Id, version.Sha256, ids[Persona.ExpertEngagedAndSigned].Name, consent: true, people[Persona.ExpertEngagedAndSigned].Id);
            Assert.True(signature is not null, string.Join("; ", refusals));
            return ids.ToDictionary(x => x.Key, x => x.Value.Id);
        });
        var c = await desk.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<Data.DeskDb>();
            var focal = await db.Users.FindAsync(people[Persona.FocalPointOfTheCase].Id);
            var builder = new CaseBuilder();
            var atSelection = builder.At(CaseStage.ExpertSelection, people[Persona.AssignedOfficer].Id, focal!.OrganisationId);
            foreach (var engaged in new[] { Persona.ExpertEngagedAndSigned, Persona.ExpertEngagedButUnsigned })
                Assert.Empty(atSelection.RecordGovernmentDecision(builder.Propose(atSelection, experts[engaged], "Route " + engaged), accepted: true, null, CaseBuilder.Officer, CaseBuilder.Start));
            db.Cases.Add(atSelection);
            await db.SaveChangesAsync();
            return atSelection;
        });
        return (c, people, experts[Persona.ExpertNotEngaged]);
    }
}

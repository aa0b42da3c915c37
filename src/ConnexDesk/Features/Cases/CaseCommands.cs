using System.CommandLine;
using ConnexDesk.Cli;
using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using Microsoft.EntityFrameworkCore;

namespace ConnexDesk.Features.Cases;

/// <summary>`cases create | list | show | lifecycle`.</summary>
public static class CaseCommands
{
    public static Command Create(CommandConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var command = new Command("cases", "Open, list and show cases.");
        command.Subcommands.Add(CreateCommand(console));
        command.Subcommands.Add(ListCommand(console));
        command.Subcommands.Add(ShowCommand(console));
        command.Subcommands.Add(LifecycleCommand(console));
        return command;
    }

    private static Command CreateCommand(CommandConsole console)
    {
        var country = new Option<string>("--country") { Description = "ISO 3166 alpha-2 code of the requesting country (XK for Kosovo).", Required = true };
        var organisation = new Option<string>("--organisation") { Description = "The requesting ministry or office.", Required = true };
        var title = new Option<string>("--title") { Description = "A short title for the request.", Required = true };
        var sector = new Option<string?>("--sector") { Description = "mining, oil-and-gas, renewable-energy, power, transport-infrastructure, water, agriculture-and-land, telecommunications or other." };
        var counterparties = new Option<string[]>("--counterparty") { Description = "A party across the table; repeat for several.", AllowMultipleArgumentsPerToken = false };
        var create = new Command("create", "Open a case as an Inquiry and print its reference.");
        create.Options.Add(country);
        create.Options.Add(organisation);
        create.Options.Add(title);
        create.Options.Add(sector);
        create.Options.Add(counterparties);
        create.SetAction((parsed, _) => DeskCommandLine.ExecuteAsync(parsed, console, async services =>
        {
            Sector? chosenSector = null;
            if (parsed.GetValue(sector) is { Length: > 0 } sectorText)
            {
                chosenSector = ParseSector(sectorText)
                    ?? throw new CommandFailedException($"Unknown sector '{sectorText}'; use one of {string.Join(", ", Enum.GetValues<Sector>().Select(Kebab))}.");
            }
            if (string.IsNullOrWhiteSpace(parsed.GetValue(title)))
                throw new CommandFailedException("--title is empty; give the request a short title.");
            var result = await services.GetRequiredService<OpenCase>().RunAsync(new NewCase(
                new CaseDetails(parsed.GetValue(country)!, parsed.GetValue(title)!, Sector: chosenSector),
                parsed.GetValue(organisation),
                Counterparties: [.. (parsed.GetValue(counterparties) ?? []).Select(name => new NewCounterparty(name))]), CaseActor.CommandLine);
            if (!result.Succeeded)
                throw new CommandFailedException(result.Error!);
            return new CommandOutput(result.Case!.Reference, new { reference = result.Case.Reference });
        }));
        return create;
    }

    private static Command ListCommand(CommandConsole console)
    {
        var list = new Command("list", "List every case, oldest first.");
        list.SetAction((parsed, _) => DeskCommandLine.ExecuteAsync(parsed, console, async services =>
        {
            var db = services.GetRequiredService<DeskDb>();
            var rows = await (
                from c in db.Cases.AsNoTracking()
                join o in db.Organisations on c.OrganisationId equals o.Id into organisations
                from o in organisations.DefaultIfEmpty()
                orderby c.Year, c.Number
                select new { reference = c.Reference, stage = c.Stage, country = c.CountryCode, title = c.Title, organisation = o != null ? o.Name : null, createdAt = c.OpenedAt })
                .ToListAsync();
            var counts = await db.Messages.Where(m => m.CaseId != null).GroupBy(m => m.CaseId)
                .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key!.Value, g => g.Count);
            var ids = await db.Cases.Select(c => new { c.Reference, c.Id }).ToDictionaryAsync(c => c.Reference, c => c.Id);
            var json = rows.Select(r => new { r.reference, r.stage, r.country, r.title, r.organisation, r.createdAt, messageCount = counts.GetValueOrDefault(ids[r.reference]) }).ToList();
            var text = rows.Count == 0
                ? "No cases."
                : string.Join(Environment.NewLine, rows.Select(r => $"{r.reference}  {r.stage,-22} {r.country}  {r.title}"));
            return new CommandOutput(text, json);
        }));
        return list;
    }

    private static Command ShowCommand(CommandConsole console)
    {
        var reference = new Argument<string>("reference") { Description = "The case reference, e.g. CNX-2026-0001." };
        var show = new Command("show", "Show one case with its history.");
        show.Arguments.Add(reference);
        show.SetAction((parsed, _) => DeskCommandLine.ExecuteAsync(parsed, console, async services =>
        {
            var db = services.GetRequiredService<DeskDb>();
            var found = await LoadAsync(services, parsed.GetValue(reference)!, "cases show");
            var organisation = found.OrganisationId is { } id ? await db.Organisations.Where(o => o.Id == id).Select(o => o.Name).SingleAsync() : null;
            var history = found.History.OrderBy(h => h.At).ThenBy(h => h.Id).Select(h => new
            {
                kind = h.Kind,
                from = h.FromStage,
                to = h.ToStage,
                field = h.Field,
                oldValue = h.OldValue,
                newValue = h.NewValue,
                at = h.At,
                by = h.ActorName,
                reason = h.Reason,
            }).ToList();
            var json = new
            {
                reference = found.Reference,
                stage = found.Stage,
                stageEnteredAt = found.StageEnteredAt,
                country = found.CountryCode,
                title = found.Title,
                summary = found.Summary,
                organisation,
                sector = found.Sector,
                negotiationStage = found.NegotiationStage,
                nextRoundOn = found.NextRoundOn,
                deadlineOn = found.DeadlineOn,
                counterparties = found.Counterparties.Select(c => new { name = c.Name, country = c.CountryCode, kind = c.Kind }),
                createdAt = found.OpenedAt,
                messages = (await db.Messages.AsNoTracking().Include(m => m.Attachments).Where(m => m.CaseId == found.Id).OrderBy(m => m.ReceivedAt).ToListAsync())
                    .Select(m => new
                    {
                        messageId = m.MessageId,
                        from = m.FromAddress,
                        subject = m.Subject,
                        direction = m.Direction,
                        receivedAt = m.ReceivedAt,
                        senderVerified = m.SenderVerified,
                        attachments = m.Attachments.Select(a => new { fileName = a.FileName, sha256 = a.Sha256, size = a.Size, contentType = a.ContentType }),
                    }),
                language = found.Language,
                documents = found.Documents.Select(d => new { kind = d.Kind, fileName = d.FileName, sha256 = d.Sha256, size = d.Size, version = d.Version, addedAt = d.AddedAt }),
                letters = found.Letters.OrderBy(l => l.IssuedAt).Select(l => new
                {
                    number = l.Number,
                    kind = l.Kind,
                    language = l.Language,
                    subject = l.Subject,
                    issuedAt = l.IssuedAt,
                    issuedBy = l.IssuedBy,
                    sentTo = l.SentTo,
                    pdfSha256 = l.PdfSha256,
                    docxSha256 = l.DocxSha256,
                    templateVersion = l.TemplateVersion,
                    reason = l.Reason,
                }),
                screenedAt = found.ScreenedAt,
                screenedAgainst = found.ScreenedAgainst,
                sanctionsHits = found.SanctionsHits.Select(h => new
                {
                    counterparty = h.CounterpartyName,
                    listEntry = $"{h.ListedName} ({h.ListReference})",
                    list = Sanctions.SanctionsLists.ListName(h.List),
                    score = h.Score,
                    decision = h.Decision,
                    reason = h.DecisionReason,
                    decidedBy = h.DecidedBy,
                }),
                agreement = found.Agreement is not { } a ? null : new
                {
                    requestLetter = new { fileName = a.RequestLetterFileName, sha256 = a.RequestLetterSha256, receivedAt = a.RequestLetterReceivedAt },
                    approvalLetter = new { number = a.ApprovalLetterNumber, sha256 = a.ApprovalLetterSha256, issuedAt = a.ApprovalLetterIssuedAt },
                    recipient = a.SupportRecipient,
                    provider = a.SupportProvider,
                    recordedBy = a.RecordedBy,
                },
                history,
            };
            var text = $"{found.Reference}  {found.Stage}  {found.CountryCode}  {found.Title}{Environment.NewLine}"
                + string.Join(Environment.NewLine, history.Select(h => $"  {h.at:yyyy-MM-dd HH:mm}  {h.by}: {h.kind} {h.from}{(h.to is null ? "" : " -> " + h.to)}{(h.field is null ? "" : " " + h.field)}{(h.reason is null ? "" : " (" + h.reason + ")")}"));
            return new CommandOutput(text, json);
        }));
        return show;
    }

    private static Command LifecycleCommand(CommandConsole console)
    {
        var lifecycle = new Command("lifecycle", "Print docs/case-lifecycle.md: the transition table and its diagram.");
        lifecycle.SetAction(async (_, _) =>
        {
            await console.Output.WriteAsync(CaseLifecycle.Document());
            return 0;
        });
        return lifecycle;
    }

    public static Sector? ParseSector(string text)
    {
        var compact = text.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        return Enum.TryParse<Sector>(compact, ignoreCase: true, out var sector) && Enum.IsDefined(sector) ? sector : null;
    }

    private static string Kebab(Sector sector) =>
        string.Concat(sector.ToString().Select((ch, i) => i > 0 && char.IsUpper(ch) ? "-" + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));

    /// <summary>The case a command names, or the one line that says why there is none; the read goes into the audit trail.</summary>
    public static async Task<Case> LoadAsync(IServiceProvider services, string wanted, string command)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!CaseReference.TryParse(wanted, out var parsedReference))
            throw new CommandFailedException($"'{wanted}' is not a case reference (CNX-YYYY-NNNN).");
        var found = await services.GetRequiredService<DeskDb>().LoadAsync(parsedReference.ToString(), CaseActor.CommandLine);
        var actor = CaseActor.CommandLine;
        await services.GetRequiredService<Audit.AuditTrail>().RecordAsync(new Domain.Audit.AuditRecord(
            services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, actor.UserId, actor.Name, null, parsedReference.ToString(),
            found is null ? Domain.Audit.AuditAction.Denied : Domain.Audit.AuditAction.Read, command));
        return found ?? throw new CommandFailedException($"There is no case {parsedReference}.");
    }
}

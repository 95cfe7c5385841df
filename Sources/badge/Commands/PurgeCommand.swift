import BadgeCore
import Foundation
import Storage

/// `badge events purge EVENT --out FILE.csv [--yes] [--json]` (admin; issue #17, SPEC §13
/// "Privacy"): exports the event's attendees (the `badge attendees EVENT --csv` file), then
/// erases their personal data from the database file, keeping the statistics.
enum PurgeCommand {
    static func run(_ ctx: CommandContext) throws {
        let store = try ctx.store()
        let event = try Resolver.event(ctx.parsed.argument("EVENT") ?? "", in: store)
        try ctx.authorize(.purgeEvent)
        guard let out = ctx.parsed.option("out"), !out.isEmpty else { throw ctx.usage("--out FILE.csv is required") }
        if let purgedAt = event.purgedAt {
            throw CLIError.failed("event \(event.qualifiedId) was already purged on \(ISO8601.format(purgedAt))")
        }
        guard !FileManager.default.fileExists(atPath: out) else {
            throw CLIError.failed("\(out) already exists: choose a new file for the export (it is never overwritten)")
        }
        let total = try store.stats(eventId: event.id).totalAttendees
        if !ctx.parsed.flag("yes") { try confirm(event, attendees: total, out: out, database: ctx.databaseLocation.description) }

        // 1. Export. Any failure stops here: nothing is erased without a complete export.
        let (exported, values) = try export(event, store: store, to: out)
        // 2. Erase.
        let summary = try store.purgePersonalData(eventId: event.id, at: Date())
        // 3. Older log lines that quote one of them (a failed check-in names the attendee).
        let logLines = try LogScrubber(values: values).scrub(logAt: ctx.paths.logFile)
        try store.recordAudit(operatorName: ctx.operatorName, action: "event.purge",
                              detail: "\(event.qualifiedId): \(summary.attendees) attendees anonymised",
                              at: summary.purgedAt)
        ctx.log.log(.info, "purged \(event.qualifiedId): \(summary.attendees) attendees anonymised, "
                    + "\(summary.auditEntries) audit details, \(summary.prints) print outputs and \(logLines) log lines cleaned")
        if ctx.wantsJSON {
            ctx.out.json(.object([
                ("event", .string(event.qualifiedId)),
                ("purgedAt", JSONOutput.time(summary.purgedAt)),
                ("attendees", .int(Int64(summary.attendees))),
                ("auditEntries", .int(Int64(summary.auditEntries))),
                ("prints", .int(Int64(summary.prints))),
                ("logLines", .int(Int64(logLines))),
                ("exported", .int(Int64(exported))),
                ("file", .string(out)),
                ("walTruncated", .bool(summary.walTruncated)),
            ]))
        } else {
            ctx.out.line("Exported \(exported) attendees to \(out); erased the personal data of \(summary.attendees) "
                         + "attendees of \(event.qualifiedId) (statistics kept; the event no longer syncs).")
        }
        if !summary.walTruncated {
            OutputWriter.note("badge: warning: another badge process has the database open: an old copy may stay "
                              + "in \(ctx.databaseLocation)-wal until it closes")
        }
    }

    /// What the operator must type: the event's `PROVIDER:EXTERNAL_ID` or its exact name — not a
    /// reflexive "yes" (pure, tested through the CLI).
    static func confirms(_ answer: String, _ event: Event) -> Bool {
        let typed = answer.trimmingCharacters(in: .whitespaces)
        return !typed.isEmpty && (typed == event.qualifiedId || typed == event.name)
    }

    private static func confirm(_ event: Event, attendees: Int, out: String, database: String) throws {
        guard isatty(STDIN_FILENO) == 1 else {
            throw CLIError.failed("purging erases personal data: confirm on a terminal, or pass --yes")
        }
        OutputWriter.note("This exports \(attendees) attendees of \(event.qualifiedId) to \(out), then erases their "
                          + "names, emails, companies, barcodes and notes from \(database) (statistics are kept).")
        FileHandle.standardError.write(Data("Type \(event.qualifiedId) to confirm: ".utf8))
        let answer = readLine(strippingNewline: true) ?? ""
        guard confirms(answer, event) else { throw CLIError.failed("not confirmed: nothing was exported or erased") }
    }

    /// Writes the CSV of `badge attendees EVENT --csv` to a new file (never overwriting), synced
    /// to disk; returns the rows written and the personal values seen (to clean the log with). A
    /// partial file is removed on failure.
    private static func export(_ event: Event, store: any BadgeStore, to path: String) throws -> (Int, [String]) {
        var csv = CSVOutput.headerRecord()
        var query = AttendeeQuery(eventId: event.id, filter: .all, search: "", sort: .name, offset: 0,
                                  limit: AttendeesCommand.pageSize)
        var rows = 0
        var values: [String] = []
        while true {
            let page = try store.attendees(query)
            for a in page {
                csv += CSVOutput.row(a)
                values += [a.name, a.firstName, a.lastName, a.email, a.company, a.jobTitle, a.barcode, a.notes,
                           a.orderId, a.providerAttendeeId].compactMap { $0 }
                values += BadgeField.allCases.compactMap { a.corrections[$0] }
            }
            rows += page.count
            if page.count < AttendeesCommand.pageSize { break }
            query.offset += page.count
        }
        let url = URL(fileURLWithPath: path)
        do {
            try Data(csv.utf8).write(to: url, options: [.withoutOverwriting])
            let handle = try FileHandle(forUpdating: url)
            defer { try? handle.close() }
            try handle.synchronize()
        } catch {
            try? FileManager.default.removeItem(at: url)
            throw CLIError.failed("cannot write the export to \(path) (\(error.localizedDescription)): nothing was erased")
        }
        return (rows, values)
    }
}

import Foundation
import PostgresStore
import Storage

/// `badge db copy FROM TO` (SPEC §11): a whole database between SQLite and PostgreSQL, either way,
/// exact and resumable (`DatabaseCopier`), and the PostgreSQL side of `badge backup`.
enum DatabaseCopyCommand {
    /// Test hook: the process kills itself (SIGKILL, like `kill -9`) right after this many batches
    /// were committed, so the resume can be tested at a known point. Not for users.
    static let killHook = "BADGE_TEST_COPY_KILL_AFTER_BATCHES"

    static func run(_ ctx: CommandContext) throws {
        guard let from = ctx.parsed.argument("FROM"), !from.isEmpty,
              let to = ctx.parsed.argument("TO"), !to.isEmpty
        else { throw ctx.usage("give FROM and TO (a SQLite file or a postgresql:// URL each)") }
        let source = DatabaseLocation(from)
        let target = DatabaseLocation(to)
        if isSame(source, target) { throw CLIError.failed("FROM and TO are the same database (\(source))") }
        for location in [source, target] where location.isInsecureRemote {
            OutputWriter.note("badge: warning: \(location) is not on this machine and does not ask for TLS "
                              + "(add ?sslmode=require): the password and attendee data cross the network in clear")
        }
        let desk = try ctx.station()
        let reader = try openSource(source, desk: desk)
        let writer = try openTarget(target, desk: desk)
        let options = DatabaseCopier.Options(batchSize: ctx.parsed.int("batch-size") ?? 1000)
        let report = try copy(from: reader, to: writer, options: options, environment: ctx.environment)

        if ctx.wantsJSON {
            ctx.out.json(.object([
                ("from", .string(source.description)), ("to", .string(target.description)),
                ("rows", .int(report.totalRows)), ("copied", .int(report.totalCopied)),
                ("resumed", .bool(report.resumed)), ("verified", .bool(true)),
                ("tables", .array(report.tables.map { t in
                    .object([("table", .string(t.name)), ("rows", .int(t.rows)), ("copied", .int(t.copied)),
                             ("checksum", .string(t.checksum)), ("substituted", .int(t.substituted))])
                })),
            ]))
            return
        }
        var table = TextTable(["TABLE", "ROWS", "COPIED", "CHECKSUM"])
        for t in report.tables { table.add([t.name, String(t.rows), String(t.copied), t.checksum]) }
        ctx.out.line("Copied \(source) to \(target).")
        ctx.out.write(table.render())
        let resumed = report.resumed
            ? " (\(report.totalRows - report.totalCopied) were already in \(target) from an earlier run)" : ""
        ctx.out.line("\(report.totalRows) rows, \(report.totalCopied) copied now\(resumed); "
                     + "verified: every table has the same rows and checksum on both sides.")
        if report.totalSubstituted > 0 {
            ctx.out.line("Note: \(report.totalSubstituted) text values held U+0000 (NUL), which PostgreSQL cannot "
                         + "store; they were written with U+FFFD instead, as every desk writes them.")
        }
    }

    /// Runs the copy with progress on stderr (and the test hook).
    static func copy(from reader: any RowCopySource, to writer: any RowCopyTarget, options: DatabaseCopier.Options,
                     environment: [String: String]) throws -> DatabaseCopyReport {
        let printer = CopyProgressPrinter()
        let killAfter = environment[killHook].flatMap { Int($0) }
        var batches = 0
        return try DatabaseCopier(source: reader, target: writer, options: options).run { progress in
            printer.show(progress)
            if case .batch = progress {
                batches += 1
                if let killAfter, batches >= killAfter { kill(getpid(), SIGKILL) }
            }
        }
    }

    static func openSource(_ location: DatabaseLocation, desk: String) throws -> any RowCopySource {
        switch location {
        case .sqlite(let path):
            guard FileManager.default.fileExists(atPath: path) else { throw CLIError.failed("no database at \(path)") }
            return try SQLiteStore.open(path: path)
        case .postgres(let url):
            return try Composition.makeSharedStore(url: url, desk: desk, listen: false)
        }
    }

    /// The target, created (SQLite) or migrated like `badge db init` (PostgreSQL) as needed.
    static func openTarget(_ location: DatabaseLocation, desk: String) throws -> any RowCopyTarget {
        switch location {
        case .sqlite(let path):
            return try SQLiteStore.open(path: path)
        case .postgres(let url):
            return try Composition.makeSharedStore(url: url, desk: desk, listen: false, migrate: true)
        }
    }

    static func isSame(_ a: DatabaseLocation, _ b: DatabaseLocation) -> Bool {
        switch (a, b) {
        case (.sqlite(let x), .sqlite(let y)):
            func resolved(_ path: String) -> String { URL(fileURLWithPath: path).resolvingSymlinksInPath().path }
            return resolved(x) == resolved(y)
        case (.postgres(let x), .postgres(let y)):
            return x == y
        default:
            return false
        }
    }
}

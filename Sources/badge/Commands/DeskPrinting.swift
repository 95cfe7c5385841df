import BadgeCore
import Foundation
import Printers
import Printing
import ScreenKit
import Storage

/// How a desk's command prints a badge (issue #16): every print is a job in the store. Straight
/// to this desk's printer (`--out FILE.pdf`, `--printer ADDRESS`, config `printer =`): the job is
/// written `sent`, delivered, and finished before the command answers; to a print station
/// (`--print-station NAME`, config `print_station =`): the job is queued for the station.
enum DeskPrinting {
    enum Target {
        case direct(PrinterAddress, file: String?)
        case station(String)
    }

    /// What became of the print.
    enum Result {
        case delivered(BadgePrintResult, job: PrintJob)
        case queued(PrintJob, templateName: String, station: PrintStationHealth?)
    }

    /// `--out`, `--print-station`, `--printer`, then the config's `print_station`, `printer`;
    /// nil when none is given. A bad printer address is a usage error of one line.
    static func target(_ ctx: CommandContext) throws -> Target? {
        if let out = ctx.parsed.option("out") {
            let folder = (out as NSString).deletingLastPathComponent
            return .direct(.pdf(directory: folder.isEmpty ? "." : folder), file: out)
        }
        if let station = ctx.parsed.option("print-station") { return try .station(stationName(station, ctx)) }
        if let printer = ctx.parsed.option("printer") { return .direct(try address(printer, ctx), file: nil) }
        let config = try ctx.config()
        if let station = config.printStation { return try .station(stationName(station, ctx)) }
        if let printer = config.printer { return .direct(try address(printer, ctx), file: nil) }
        return nil
    }

    static func address(_ text: String, _ ctx: CommandContext) throws -> PrinterAddress {
        do {
            return try PrinterAddress.parse(text)
        } catch let error as PrinterAddress.ParseError {
            throw ctx.usage(error.description)
        }
    }

    static func stationName(_ text: String, _ ctx: CommandContext) throws -> String {
        let name = text.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 60, name.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) else {
            throw ctx.usage("a print station name is 1 to 60 printable characters")
        }
        return name
    }

    /// Prints (or queues) the badge; a print that fails throws one line that names the job to retry.
    static func print(_ ctx: CommandContext, store: any BadgeStore, event: Event, attendee: Attendee,
                      to target: Target) throws -> Result {
        let desk = try ctx.station()
        switch target {
        case let .station(name):
            let templates = try store.templates(eventId: event.id).sorted { $0.id < $1.id }
            let template = TemplateSelector.select(for: attendee, from: templates)
                ?? builtIn(event.id)
            let job = try store.enqueuePrintJob(PrintJob(eventId: event.id, attendeeId: attendee.id, station: name,
                                                         desk: desk, operatorName: ctx.operatorName, createdAt: Date()))
            let health = try store.printStations(now: Date()).first { $0.name == name }
            return .queued(job, templateName: template.name, station: health)
        case let .direct(address, file):
            let worker = makeWorker(ctx, store: store, address: address, file: file)
            let outcome = try worker.printNow(eventId: event.id, attendeeId: attendee.id, desk: desk,
                                              operatorName: ctx.operatorName)
            return try result(outcome)
        }
    }

    /// A worker for this command: `desk` or `station` ids, the CLI's built-in badge, the fonts.
    static func makeWorker(_ ctx: CommandContext, store: any BadgeStore, address: PrinterAddress, file: String?,
                           prefix: String = "desk") -> PrintWorker {
        var delivery = BadgeDelivery(address: address, labels: .standard)
        delivery.pdfFile = file
        let worker = PrintWorker(store: store, id: PrintWorker.newID(prefix: prefix), delivery: delivery,
                                 fonts: fontsLoader(ctx))
        worker.fallbackTemplate = builtIn
        return worker
    }

    /// Fonts, loaded on the first badge: the config's `font` file first (if set), then the
    /// system's DejaVu and CJK fallbacks.
    static func fontsLoader(_ ctx: CommandContext) -> @Sendable () throws -> FontSet {
        var paths = FontSet.searchPaths(environment: ctx.environment)
        if let font = (try? ctx.config().font) ?? nil { paths.insert(font, at: 0) }
        let searchPaths = paths
        return { try FontSet.discover(searchPaths: searchPaths) }
    }

    /// The CLI's built-in badge (`BuiltInTemplate`), as before print jobs.
    @Sendable static func builtIn(_ eventId: Int64) -> BadgeTemplate {
        BadgeTemplate(eventId: eventId, name: BuiltInTemplate.name, layout: BuiltInTemplate.text)
    }

    /// The worker's outcome as the desk reports it; a failed job is an error naming its retry.
    static func result(_ outcome: PrintWorker.Outcome) throws -> Result {
        guard let delivered = outcome.delivered, outcome.job.status == .done else {
            let reason = outcome.failure ?? "print job \(outcome.job.id) did not finish"
            throw CLIError.failed("\(reason) (print job \(outcome.job.id) failed; retry: badge print-jobs retry \(outcome.job.id))")
        }
        let printed: PrintOutcome = delivered.wentToPrinter
            ? .printed(queue: delivered.output.hasPrefix("printer:") ? String(delivered.output.dropFirst(8)) : delivered.output)
            : .savedPDF(path: delivered.output)
        return .delivered(BadgePrintResult(templateName: delivered.templateName, outcome: printed,
                                           missingGlyphs: delivered.missingGlyphs), job: outcome.job)
    }

    /// `Queued the badge of NAME for print station S (job 12) · online · 2 queued`.
    static func queuedMessage(_ job: PrintJob, attendeeName: String, templateName: String,
                              station: PrintStationHealth?) -> String {
        let health = station.flatMap { $0.everSeen ? $0.summary(now: Date()) : nil }
            ?? "never seen online (start it: badge print-station \(job.station) --printer …)"
        return "Queued the badge of \(Sanitizer.sanitize(attendeeName, maxWidth: 80)) with template "
            + "'\(Sanitizer.sanitize(templateName, maxWidth: 80))' for print station \(Sanitizer.sanitize(job.station)) "
            + "(job \(job.id)); station: \(Sanitizer.sanitize(health, maxWidth: 200))."
    }
}

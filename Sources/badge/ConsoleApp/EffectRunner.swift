import Auth
import BadgeCore
import Console
import Foundation
import Printers
import Printing
import Providers
import ScreenKit
import Storage
import Sync

/// Runs the console's effects off the UI thread against the store, the sync engine and the
/// printer, and answers each with the actions its documentation names (Sources/Console/Effect.swift).
/// Every failure becomes one human line (`operationFailed`), never a credential.
final class EffectRunner: @unchecked Sendable {
    /// Who is at the keyboard when the effect was asked for (from the state `update` returned).
    struct Operator: Sendable {
        var name: String
        var station: String
    }

    let store: any BadgeStore
    let engine: SyncEngine
    let mailbox: Mailbox
    let printer: String?
    /// The print station this desk's prints are queued for (issue #16), instead of `printer`.
    let printStation: String?
    let desk: String
    let badgeDirectory: String
    let fontSearchPaths: [String]
    let log: any LogSink
    private let lock = NSLock()
    private var fonts: FontSet?

    init(store: any BadgeStore, engine: SyncEngine, mailbox: Mailbox, printer: String?, printStation: String? = nil,
         desk: String = "console", badgeDirectory: String, fontSearchPaths: [String], log: any LogSink) {
        self.store = store
        self.engine = engine
        self.mailbox = mailbox
        self.printer = printer
        self.printStation = printStation
        self.desk = desk
        self.badgeDirectory = badgeDirectory
        self.fontSearchPaths = fontSearchPaths
        self.log = log
    }

    /// The operator's writes (check-ins, VIP flags, prints, audit lines) run one at a time in
    /// the order they were asked for: `c` then `u`, or `v` twice, must reach the store in order.
    /// Prints have their own queue (in order too), so rendering a PDF or waiting for `lp` never
    /// holds up the next check-in.
    private let writes = DispatchQueue(label: "badge.console.writes")
    private let prints = DispatchQueue(label: "badge.console.prints")

    /// Starts the effect off the UI thread: writes on their serial queues, everything else in a
    /// background task (loads and engine jobs may overlap).
    nonisolated func launch(_ effect: Effect, by who: Operator) {
        if Self.isWrite(effect) {
            let queue: DispatchQueue
            switch effect {
            case .printBadge, .retryPrintJob: queue = prints
            default: queue = writes
            }
            queue.async { [self] in
                do { try self.performWrite(effect, by: who) } catch { self.report(error, of: effect) }
            }
        } else {
            Task.detached { [self] in await self.run(effect, by: who) }
        }
    }

    static func isWrite(_ effect: Effect) -> Bool {
        switch effect {
        case .checkIn, .toggleVIP, .printBadge, .retryPrintJob, .recordAudit, .addWalkIn, .setCorrections, .setNote:
            return true
        default: return false
        }
    }

    func run(_ effect: Effect, by who: Operator) async {
        do {
            try await perform(effect, by: who)
        } catch {
            report(error, of: effect)
        }
    }

    /// Every failure becomes one line on the console (and the detail in the log).
    private func report(_ error: any Error, of effect: Effect) {
        let reason = Self.describe(error)
        log.log(.warning, "console effect failed: \(reason)")
        switch effect {
        case .toggleVIP(let id, _): mailbox.post(.vipToggleFailed(attendeeId: id, message: reason))
        case .checkIn: mailbox.post(.operationFailed("Check-in NOT saved: \(reason)"))
        case .addWalkIn: mailbox.post(.operationFailed("Walk-in NOT registered: \(reason)"))
        case .setCorrections, .setNote: mailbox.post(.operationFailed("NOT saved: \(reason)"))
        case .printBadge(let id), .retryPrintJob(_, let id):
            mailbox.post(.printFailed(attendeeId: id, reason: reason))
            postPrintJobNotice(attendeeId: id)
        default: mailbox.post(.operationFailed(reason))
        }
    }

    /// The store writes, synchronous on the writes queue; each is committed before its result
    /// is posted (SPEC §5: a check-in is durable before the screen confirms it).
    private func performWrite(_ effect: Effect, by who: Operator) throws {
        switch effect {
        case .toggleVIP(let id, let on):
            mailbox.post(.vipToggled(try store.setVIP(attendeeId: id, on, operatorName: who.name, at: Date())))
        case .checkIn(let id, let action):
            let outcome = try store.checkIn(attendeeId: id, action: action, operatorName: who.name,
                                            station: who.station, at: Date())
            mailbox.post(.checkInRecorded(attendeeId: id, outcome))
        case .printBadge(let id):
            let (template, delivery) = try printBadge(attendeeId: id, by: who)
            mailbox.post(.printed(attendeeId: id, template: template, delivery: delivery))
        case .retryPrintJob(let jobId, let id):
            let (template, delivery) = try retryPrintJob(jobId, by: who)
            mailbox.post(.printed(attendeeId: id, template: template, delivery: delivery))
            postPrintJobNotice(attendeeId: id)
        case .recordAudit(let action, let detail):
            try store.recordAudit(operatorName: who.name, action: action.rawValue, detail: detail, at: Date())
        case .addWalkIn(let eventId, let walkIn):
            mailbox.post(.walkInRegistered(try store.addWalkIn(eventId: eventId, walkIn, operatorName: who.name,
                                                               at: Date())))
        case .setCorrections(let id, let wanted):
            guard var a = try store.attendee(id: id) else { throw StorageError.notFound("attendee \(id)") }
            let now = Date()
            for field in BadgeField.allCases where a.corrections[field] != wanted[field] {
                a = try store.setCorrection(attendeeId: id, field: field, value: wanted[field], operatorName: who.name,
                                            at: now)
            }
            mailbox.post(.attendeeEdited(a))
        case .setNote(let id, let text):
            mailbox.post(.attendeeEdited(try store.setNote(attendeeId: id, text, operatorName: who.name, at: Date())))
        default:
            break
        }
    }

    private func perform(_ effect: Effect, by who: Operator) async throws {
        switch effect {
        case .loadEvents:
            let summaries = try store.events().map { EventSummary(event: $0, stats: try store.stats(eventId: $0.id)) }
            mailbox.post(.eventsLoaded(summaries))
        case .loadEventView(let id):
            if let event = try store.event(id: id) { mailbox.post(.eventStatusChanged(event)) }
            if let event = try store.event(id: id), let budget = await engine.budget(provider: event.provider) {
                mailbox.post(.rateBudgetChanged(event.provider, RateBudget(remaining: budget.remaining, limit: budget.limit, window: budget.window)))
            }
        case .loadAttendeePage(let query):
            let rows = try store.attendees(query)
            let total = try store.attendeeCount(query)
            mailbox.post(.attendeePageLoaded(query: query, rows: rows, total: total))
        case .loadStats(let id):
            mailbox.post(.eventStatsLoaded(eventId: id, try store.stats(eventId: id)))
        case .loadIntegrations:
            mailbox.post(.integrationsLoaded(try store.integrations().map(IntegrationSummary.init)))
        case .loadProviderEvents(let provider):
            mailbox.post(.providerEventsLoaded(provider, try await engine.availableEvents(provider: provider)))
        case .connectIntegration(let provider, let secret):
            let baseURL = try store.integration(provider: provider)?.baseURL
            let saved = try await engine.connect(provider: provider, credential: secret.value, baseURL: baseURL)
            mailbox.post(.integrationConnected(IntegrationSummary(saved)))
            mailbox.post(.integrationsLoaded(try store.integrations().map(IntegrationSummary.init)))
        case .runImport(let provider, let externalId):
            _ = try await engine.startImport(provider: provider, externalId: externalId)
        case .runResync(let id):
            try await engineJob { _ = try await self.engine.resync(eventId: id) }
        case .retry(let id):
            try await engineJob { _ = try await self.engine.retry(eventId: id) }
        case .reconnect(let id):
            try await engineJob { _ = try await self.engine.reconnect(eventId: id) }
        case .confirmCancellations(let id):
            try await engineJob { _ = try await self.engine.confirmMassCancellation(eventId: id) }
        case .toggleVIP, .checkIn, .printBadge, .retryPrintJob, .recordAudit, .addWalkIn, .setCorrections, .setNote:
            try performWrite(effect, by: who)
        case .lookupScan(let eventId, let code):
            mailbox.post(.scanLookedUp(code: code, try lookupScan(eventId: eventId, code: code)))
        case .kioskLookup(let eventId, let lastName, let email):
            // The email narrows the event to a few rows; the exact rule is KioskMatch's.
            let wanted = KioskMatch.normalizedEmail(email)
            let candidates = wanted.isEmpty ? []
                : try store.attendees(AttendeeQuery(eventId: eventId, search: wanted, limit: 50))
            mailbox.post(.kioskLookedUp(lastName: lastName, email: email,
                                        KioskMatch.match(candidates, lastName: lastName, email: email)))
        case .locateAttendee(let query, let id):
            mailbox.post(.attendeeLocated(query: query, attendeeId: id,
                                          position: try store.attendeePosition(query, attendeeId: id)))
        case .loadCard(let id):
            guard let attendee = try store.attendee(id: id) else { throw ConsoleAppError("attendee #\(id) no longer exists") }
            mailbox.post(.cardLoaded(attendee, history: try store.checkInHistory(attendeeId: id),
                                     prints: try store.prints(attendeeId: id)))
            postPrintJobNotice(attendeeId: id)
        case .loadBadgePreview(let id, let columns, let rows):
            mailbox.post(.badgePreviewLoaded(badgePreview(attendeeId: id, columns: columns, rows: rows)))
        case .verifyPIN(let name, let pin, let purpose):
            mailbox.post(try verify(name: name, pin: pin, purpose: purpose))
        case .quit:
            break  // the loop handles it
        }
    }

    /// Runs an engine job whose outcome the engine itself reports through notifications; only
    /// refusals it does not report (wrong state, unknown event, no integration) are posted here.
    private func engineJob(_ body: @escaping @Sendable () async throws -> Void) async throws {
        do {
            try await body()
        } catch SyncError.cancellationsHeld(_, let held) {
            // The event's alert shows it too; say it now, over the sync's own toast.
            mailbox.post(.operationFailed(held.summary))
        } catch SyncError.syncedByAnotherDesk(let id, let desk, let forwarded) {
            mailbox.post(forwarded ? .resyncForwarded(eventId: id, desk: desk)
                         : .syncRefused(eventId: id, reason: SyncError.syncedByAnotherDesk(eventId: id, desk: desk,
                                                                                            forwarded: false).description))
        } catch let error as SyncError {
            throw error
        } catch {
            // Provider errors were already turned into syncFailed / importFailed notifications.
        }
    }

    /// Checks the PIN through `PINGate`: wrong PINs are counted in the store, so a lockout
    /// survives Ctrl-C and restarts (issue #13). An unknown name is rejected without a count.
    private func verify(name: String?, pin: Secret, purpose: PINPurpose) throws -> Action {
        let members = try store.members()
        let subject: String
        let match: () -> Member?
        switch purpose {
        case .login:
            let wanted = (name ?? "").lowercased()
            guard let member = members.first(where: { $0.name.lowercased() == wanted }) else {
                return .pinRejected(name: name, purpose: purpose)
            }
            subject = PINAttempts.subject(member: member.name)
            match = { PINHasher.verify(pin.value, against: member.pinHash) ? member : nil }
        case .leaveStationMode:
            subject = PINAttempts.stationAdminSubject
            match = { members.first { $0.role == .admin && PINHasher.verify(pin.value, against: $0.pinHash) } }
        }
        switch try PINGate.check(store: store, subject: subject, verify: match) {
        case .accepted(let member):
            return .pinVerified(name: member.name, role: member.role, purpose: purpose)
        case .rejected(let attempts):
            return .pinRejected(name: name, purpose: purpose, failures: attempts.failures)
        case .locked(let attempts):
            return .pinLocked(name: name, purpose: purpose, failures: attempts.failures,
                              until: attempts.lockedUntil ?? Date())
        }
    }

    /// The verdict's facts for a scanned code: the attendee of this event (with the check-in that
    /// counts), or the other imported event it belongs to, or nothing.
    private func lookupScan(eventId: Int64, code: String) throws -> ScanLookup {
        if let attendee = try store.attendee(eventId: eventId, barcode: code) {
            let last = attendee.isCheckedIn
                ? try store.checkInHistory(attendeeId: attendee.id).last { $0.action != .undo }
                : nil
            return .found(attendee, lastCheckIn: last)
        }
        let events = try store.events()
        for event in events where event.id != eventId {
            if try store.attendee(eventId: event.id, barcode: code) != nil { return .otherEvent(eventName: event.name) }
        }
        return .unknown
    }

    /// Every print is a job (issue #16): queued for the desk's print station, or sent by this desk
    /// to its printer (or a PDF file) and finished before the result is posted; the print counts
    /// when the job is done. A failed job says which job to retry.
    private func printBadge(attendeeId: Int64, by who: Operator) throws -> (String, PrintDelivery) {
        guard let attendee = try store.attendee(id: attendeeId) else { throw ConsoleAppError("attendee #\(attendeeId) no longer exists") }
        let templates = try store.templates(eventId: attendee.eventId).sorted { $0.id < $1.id }
        let template = TemplateSelector.select(for: attendee, from: templates)
            ?? BuiltInTemplates.defaultTemplate(eventId: attendee.eventId)
        if let printStation {
            let job = try store.enqueuePrintJob(PrintJob(eventId: attendee.eventId, attendeeId: attendee.id,
                                                         station: printStation, desk: desk, operatorName: who.name,
                                                         createdAt: Date()))
            return (template.name, PrintDelivery(.queued(station: printStation, job: job.id)))
        }
        var delivery: BadgeDelivery
        if let printer {
            do {
                delivery = BadgeDelivery(address: try PrinterAddress.parse(printer), labels: .standard)
            } catch let error as PrinterAddress.ParseError {
                throw ConsoleAppError(error.description)
            }
        } else {
            let dir = (badgeDirectory as NSString).appendingPathComponent("\(attendee.eventId)")
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            let n = try store.prints(attendeeId: attendeeId).count + 1
            delivery = BadgeDelivery(address: .pdf(directory: dir), labels: .standard)
            delivery.pdfFile = (dir as NSString).appendingPathComponent("\(attendee.id)-\(n).pdf")
        }
        let fonts = try fontSet()
        let worker = PrintWorker(store: store, id: PrintWorker.newID(prefix: "desk"), delivery: delivery, fonts: { fonts })
        let outcome = try worker.printNow(eventId: attendee.eventId, attendeeId: attendee.id, desk: desk,
                                          operatorName: who.name)
        guard let delivered = outcome.delivered, outcome.job.status == .done else {
            let job = outcome.job.id
            throw ConsoleAppError("\(outcome.failure ?? "not printed") (job \(job); badge print-jobs retry \(job))")
        }
        // "Printed" only when a printer took the job; otherwise where the PDF is (SPEC §10).
        let kind: PrintDelivery.Kind = delivered.wentToPrinter
            ? .printer(queue: delivered.output.hasPrefix("printer:") ? String(delivered.output.dropFirst(8)) : delivered.output)
            : .pdf(path: delivered.output)
        return (delivered.templateName, PrintDelivery(kind, missingGlyphs: delivered.missingGlyphs.joined(separator: " ")))
    }

    /// The card's notice: the attendee's latest print job when it failed or its outcome is
    /// unknown (issue #16). Best effort: a notice that cannot be read is left out.
    private func postPrintJobNotice(attendeeId: Int64) {
        guard let attendee = try? store.attendee(id: attendeeId),
              let jobs = try? store.printJobs(eventId: attendee.eventId, limit: 500),
              let latest = jobs.first(where: { $0.attendeeId == attendeeId })
        else {
            mailbox.post(.printJobNoticeLoaded(attendeeId: attendeeId, nil))
            return
        }
        let live = (try? store.printStations(now: Date()).first { $0.name == latest.station }?.liveSessions) ?? nil
        let unknown = latest.outcomeUnknown(liveSessions: live ?? [], now: Date())
        let notice = latest.status == .failed || unknown
            ? PrintJobNotice(jobId: latest.id, attendeeId: attendeeId, outcomeUnknown: unknown, reason: latest.reason,
                             station: latest.station)
            : nil
        mailbox.post(.printJobNoticeLoaded(attendeeId: attendeeId, notice))
    }

    /// `retryPrintJob` in the store, then: a station's job is queued for it; a desk's own job is
    /// sent again from here to the printer it was meant for.
    private func retryPrintJob(_ jobId: Int64, by who: Operator) throws -> (String, PrintDelivery) {
        let job = try store.retryPrintJob(id: jobId, operatorName: who.name, at: Date())
        guard job.station.isEmpty else {
            return ("", PrintDelivery(.queued(station: job.station, job: job.id)))
        }
        let address: PrinterAddress
        do {
            address = try PrinterAddress.parse(job.printer)
        } catch let error as PrinterAddress.ParseError {
            throw ConsoleAppError(error.description)
        }
        let fonts = try fontSet()
        let worker = PrintWorker(store: store, id: PrintWorker.newID(prefix: "desk"),
                                 delivery: BadgeDelivery(address: address, labels: .standard), fonts: { fonts })
        guard let outcome = try worker.resend(jobId: job.id) else {
            throw ConsoleAppError("job \(job.id) was taken by another desk meanwhile")
        }
        guard let delivered = outcome.delivered, outcome.job.status == .done else {
            throw ConsoleAppError("\(outcome.failure ?? "not printed") (job \(job.id))")
        }
        let kind: PrintDelivery.Kind = delivered.wentToPrinter
            ? .printer(queue: delivered.output.hasPrefix("printer:") ? String(delivered.output.dropFirst(8)) : delivered.output)
            : .pdf(path: delivered.output)
        return (delivered.templateName, PrintDelivery(kind, missingGlyphs: delivered.missingGlyphs.joined(separator: " ")))
    }

    func fontSet() throws -> FontSet {
        if let cached = lock.withLock({ fonts }) { return cached }
        let found = try FontSet.discover(searchPaths: fontSearchPaths)
        lock.withLock { fonts = found }
        return found
    }

    /// One line for the screen (sanitised; providers' and the store's messages carry no secret).
    static func describe(_ error: any Error) -> String {
        let text: String
        switch error {
        case let e as ProviderError: text = e.description
        case let e as SyncError: text = e.description
        case let e as StorageError: text = e.description
        case let e as PrintingError: text = e.description
        default: text = String(describing: error)
        }
        return Sanitizer.sanitize(text, maxWidth: 200)
    }
}

/// A console-side failure with its one-line message.
struct ConsoleAppError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

import BadgeCore
import Foundation
import Storage

/// `BadgeStore` for an offline-capable desk: the server while connected, the replica (and the
/// outbox for the desk's writes) while not. See `OfflineDeskStore`.
extension OfflineDeskStore: BadgeStore {
    /// Reads: the server, or the replica when it cannot be reached.
    func read<T>(_ server: (PostgresStore) throws -> T, replica local: (SQLiteStore) throws -> T) throws -> T {
        if let primary = online {
            do {
                return try server(primary)
            } catch let error as StorageError where error.isConnectionLost {
                wentOffline()
            }
        }
        return try local(replica.store)
    }

    /// What only the server can do (imports, syncs, integrations, templates, members).
    func serverOnly<T>(_ body: (PostgresStore) throws -> T) throws -> T {
        guard let primary = online else { throw unreachable }
        do {
            return try body(primary)
        } catch let error as StorageError where error.isConnectionLost {
            wentOffline()
            throw error
        }
    }

    /// A desk write: on the server; when it cannot be reached (or the call lost it), into the
    /// outbox and the replica. `server` gets the operation id `queue` will use, so a reply lost
    /// after the server committed is replayed once.
    func deskWrite<T>(_ server: (PostgresStore, String) throws -> T, offline queue: (String) throws -> T) throws -> T {
        let opId = UUID().uuidString.lowercased()
        if let primary = online {
            do {
                let result = try server(primary, opId)
                lock.withLock { dirty = true }
                return result
            } catch let error as StorageError where error.isConnectionLost {
                wentOffline()
            }
        }
        return try offlineLock.withLock { try queue(opId) }
    }

    /// The replica's row of an attendee (offline writes name attendees by provider id).
    func localAttendee(_ id: Int64) throws -> Attendee {
        guard let attendee = try replica.store.attendee(id: id) else {
            throw StorageError.connection(target: target, reason:
                "the server cannot be reached and this desk's copy does not have attendee \(id) yet")
        }
        return attendee
    }

    /// The event is open at this desk: keep a copy of it (the worker copies it at once).
    func noteOpened(_ eventId: Int64) {
        let known = lock.withLock { () -> Bool in
            if openedEvents == nil { openedEvents = Set(((try? replica.mirroredEvents()) ?? [:]).keys) }
            return openedEvents!.contains(eventId)
        }
        guard !known, online != nil, (try? replica.noteOpened(eventId: eventId)) != nil else { return }
        lock.withLock {
            openedEvents?.insert(eventId)
            dirty = true
            needsWholeCopy.insert(eventId)
        }
        poke()
    }

    /// Offline reads of an event need its copy: without one, one line says so (rather than an
    /// empty table or "unknown code" for someone who is on the list).
    func requireCopy(_ eventId: Int64) throws {
        if lock.withLock({ copiedEvents.contains(eventId) }) { return }  // a copy, once taken, stays
        let copies = (try? replica.mirroredEvents()) ?? [:]
        guard let entry = copies[eventId], entry != nil else {
            throw StorageError.connection(target: target, reason: "the server cannot be reached and this desk has no "
                + "copy of event \(eventId) yet (a desk keeps one of each event it has open while connected)")
        }
        lock.withLock { _ = copiedEvents.insert(eventId) }
    }


    // MARK: Integrations (the replica keeps no credentials: the last list read is remembered)

    public func saveIntegration(_ integration: Integration) throws -> Integration {
        try serverOnly { try $0.saveIntegration(integration) }
    }

    public func integrations() throws -> [Integration] {
        if let primary = online {
            do {
                let list = try primary.integrations()
                lock.withLock { lastIntegrations = list }
                return list
            } catch let error as StorageError where error.isConnectionLost {
                wentOffline()
            }
        }
        return lock.withLock { lastIntegrations }
    }

    public func integration(provider: Provider) throws -> Integration? {
        try integrations().first { $0.provider == provider }
    }

    public func integration(id: Int64) throws -> Integration? {
        try integrations().first { $0.id == id }
    }

    public func setIntegrationStatus(id: Int64, _ status: IntegrationStatus) throws {
        try serverOnly { try $0.setIntegrationStatus(id: id, status) }
    }

    public func deleteIntegration(provider: Provider) throws {
        try serverOnly { try $0.deleteIntegration(provider: provider) }
    }

    // MARK: Events

    public func createEvent(_ event: Event) throws -> Event { try serverOnly { try $0.createEvent(event) } }
    public func events() throws -> [Event] { try read({ try $0.events() }, replica: { try $0.events() }) }
    public func event(id: Int64) throws -> Event? { try read({ try $0.event(id: id) }, replica: { try $0.event(id: id) }) }
    public func event(provider: Provider, externalId: String) throws -> Event? {
        try read({ try $0.event(provider: provider, externalId: externalId) },
                 replica: { try $0.event(provider: provider, externalId: externalId) })
    }
    public func updateEvent(_ event: Event) throws { try serverOnly { try $0.updateEvent(event) } }
    public func setSyncStatus(eventId: Int64, _ status: SyncStatus, error: String?) throws {
        try serverOnly { try $0.setSyncStatus(eventId: eventId, status, error: error) }
    }
    public func setHeldCancellation(eventId: Int64, _ held: HeldCancellation?) throws {
        try serverOnly { try $0.setHeldCancellation(eventId: eventId, held) }
    }

    // MARK: Attendees

    public func mergePage(eventId: Int64, attendees: [ProviderAttendee], checkpoint: ImportCheckpoint?,
                          now: Date) throws -> [AttendeeMerge.Outcome] {
        try serverOnly { try $0.mergePage(eventId: eventId, attendees: attendees, checkpoint: checkpoint, now: now) }
    }
    public func markMissing(eventId: Int64, seen: Set<String>, now: Date) throws -> Int {
        try serverOnly { try $0.markMissing(eventId: eventId, seen: seen, now: now) }
    }
    public func missingCount(eventId: Int64, seen: Set<String>) throws -> (missing: Int, attending: Int) {
        try serverOnly { try $0.missingCount(eventId: eventId, seen: seen) }
    }
    public func attendees(_ query: AttendeeQuery) throws -> [Attendee] {
        noteOpened(query.eventId)
        return try read({ try $0.attendees(query) }, replica: {
            try requireCopy(query.eventId)
            return try $0.attendees(query)
        })
    }
    public func attendeeCount(_ query: AttendeeQuery) throws -> Int {
        try read({ try $0.attendeeCount(query) }, replica: { try $0.attendeeCount(query) })
    }
    public func attendeePosition(_ query: AttendeeQuery, attendeeId: Int64) throws -> Int? {
        try read({ try $0.attendeePosition(query, attendeeId: attendeeId) },
                 replica: { try $0.attendeePosition(query, attendeeId: attendeeId) })
    }
    public func attendee(id: Int64) throws -> Attendee? {
        try read({ try $0.attendee(id: id) }, replica: { try $0.attendee(id: id) })
    }
    public func attendee(eventId: Int64, providerAttendeeId: String) throws -> Attendee? {
        try read({ try $0.attendee(eventId: eventId, providerAttendeeId: providerAttendeeId) },
                 replica: { try $0.attendee(eventId: eventId, providerAttendeeId: providerAttendeeId) })
    }
    public func attendee(eventId: Int64, barcode: String) throws -> Attendee? {
        noteOpened(eventId)
        return try read({ try $0.attendee(eventId: eventId, barcode: barcode) }, replica: {
            try requireCopy(eventId)
            return try $0.attendee(eventId: eventId, barcode: barcode)
        })
    }

    public func setVIP(attendeeId: Int64, _ on: Bool, operatorName: String, at: Date) throws -> Attendee {
        try deskWrite({ server, _ in try server.setVIP(attendeeId: attendeeId, on, operatorName: operatorName, at: at) },
                      offline: { opId in
            let row = try localAttendee(attendeeId)
            try replica.enqueue(DeskOperation(opId: opId, kind: .vip, eventId: row.eventId, attendeeKey: row.providerAttendeeId,
                                              doorTime: at, operatorName: operatorName, desk: desk,
                                              payload: ["vip": on ? "1" : "0"]))
            return try replica.store.setVIP(attendeeId: attendeeId, on, operatorName: operatorName, at: at)
        })
    }

    // MARK: Desk edits

    public func addWalkIn(eventId: Int64, _ walkIn: WalkIn, operatorName: String, at: Date) throws -> Attendee {
        try deskWrite({ server, _ in try server.addWalkIn(eventId: eventId, walkIn, operatorName: operatorName, at: at) },
                      offline: { opId in
            if let problem = walkIn.problem(ticketNames: []) { throw StorageError.invalid(problem) }
            let localId = UUID().uuidString.lowercased()
            var payload: [String: String] = ["name": walkIn.name]
            payload["email"] = walkIn.email
            payload["company"] = walkIn.company
            payload["ticket"] = walkIn.ticketName
            let queued = try replica.enqueue(DeskOperation(opId: opId, kind: .walkIn, eventId: eventId,
                                                           attendeeKey: Attendee.walkInPrefix + localId, doorTime: at,
                                                           operatorName: operatorName, desk: desk, payload: payload))
            do {
                return try replica.store.addWalkIn(eventId: eventId, walkIn, operatorName: operatorName, at: at,
                                                   localId: localId)
            } catch {
                try? replica.withdraw(queued)
                throw error
            }
        })
    }

    public func setCorrection(attendeeId: Int64, field: BadgeField, value: String?, operatorName: String,
                              at: Date) throws -> Attendee {
        try deskWrite({ server, _ in
            try server.setCorrection(attendeeId: attendeeId, field: field, value: value, operatorName: operatorName, at: at)
        }, offline: { opId in
            let row = try localAttendee(attendeeId)
            var payload = ["field": field.cliName]
            payload["value"] = value
            try replica.enqueue(DeskOperation(opId: opId, kind: .correction, eventId: row.eventId,
                                              attendeeKey: row.providerAttendeeId, doorTime: at, operatorName: operatorName,
                                              desk: desk, payload: payload))
            return try replica.store.setCorrection(attendeeId: attendeeId, field: field, value: value,
                                                   operatorName: operatorName, at: at)
        })
    }

    public func setNote(attendeeId: Int64, _ text: String?, operatorName: String, at: Date) throws -> Attendee {
        try deskWrite({ server, _ in try server.setNote(attendeeId: attendeeId, text, operatorName: operatorName, at: at) },
                      offline: { opId in
            let row = try localAttendee(attendeeId)
            var payload: [String: String] = [:]
            payload["note"] = text
            try replica.enqueue(DeskOperation(opId: opId, kind: .note, eventId: row.eventId, attendeeKey: row.providerAttendeeId,
                                              doorTime: at, operatorName: operatorName, desk: desk, payload: payload))
            return try replica.store.setNote(attendeeId: attendeeId, text, operatorName: operatorName, at: at)
        })
    }

    // MARK: Check-ins (first at the door wins when replayed)

    public func checkIn(attendeeId: Int64, action: CheckInAction, operatorName: String, station: String,
                        at: Date) throws -> CheckInOutcome {
        try deskWrite({ server, opId in
            try server.checkIn(attendeeId: attendeeId, action: action, operatorName: operatorName, station: station, at: at,
                               opId: opId)
        }, offline: { opId in
            let row = try localAttendee(attendeeId)
            var payload: [String: String] = [:]
            let kind: DeskOperation.Kind
            switch action {
            case .checkIn, .forceCheckIn:
                // Refusals are the replica's answer and queue nothing.
                if row.checkedInAt != nil || (action == .checkIn && row.status == .notAttending) {
                    return try replica.store.checkIn(attendeeId: attendeeId, action: action, operatorName: operatorName,
                                                     station: station, at: at)
                }
                kind = action == .checkIn ? .checkIn : .forceCheckIn
            case .undo:
                if row.checkedInAt == nil { return .nothingToUndo }
                payload["undoes"] = try replica.queuedCheckIn(eventId: row.eventId, attendeeKey: row.providerAttendeeId)
                kind = .undo
            }
            let queued = try replica.enqueue(DeskOperation(opId: opId, kind: kind, eventId: row.eventId,
                                                           attendeeKey: row.providerAttendeeId, doorTime: at,
                                                           operatorName: operatorName, desk: desk, payload: payload))
            let outcome = try replica.store.checkIn(attendeeId: attendeeId, action: action, operatorName: operatorName,
                                                    station: station, at: at)
            if case .recorded = outcome { return outcome }
            try? replica.withdraw(queued)
            return outcome
        })
    }

    public func checkInHistory(attendeeId: Int64) throws -> [CheckInRecord] {
        try read({ try $0.checkInHistory(attendeeId: attendeeId) }, replica: { try $0.checkInHistory(attendeeId: attendeeId) })
    }

    // MARK: Prints

    public func recordPrint(_ record: PrintRecord) throws -> PrintRecord {
        try deskWrite({ server, opId in try server.recordPrint(record, opId: opId) }, offline: { opId in
            let row = try localAttendee(record.attendeeId)
            try replica.enqueue(DeskOperation(opId: opId, kind: .print, eventId: row.eventId,
                                              attendeeKey: row.providerAttendeeId, doorTime: record.at,
                                              operatorName: record.operatorName, desk: desk,
                                              payload: ["template": record.templateName, "output": record.output]))
            return try replica.store.recordPrint(record)
        })
    }

    public func prints(attendeeId: Int64) throws -> [PrintRecord] {
        try read({ try $0.prints(attendeeId: attendeeId) }, replica: { try $0.prints(attendeeId: attendeeId) })
    }

    // MARK: Print jobs (issue #16): a desk's own printer goes on offline; stations need the server

    public func enqueuePrintJob(_ job: PrintJob) throws -> PrintJob {
        try deskWrite({ server, _ in try server.enqueuePrintJob(job) }, offline: { _ in
            guard job.station.isEmpty else {
                throw StorageError.connection(target: target, reason: "print station \(job.station) cannot be reached "
                    + "while the server is down: print at this desk (--printer) or print again when it is back")
            }
            return try replica.store.enqueuePrintJob(job)
        })
    }

    public func claimPrintJob(station: String, worker: String, printer: String, jobId: Int64?, at: Date) throws -> PrintJob? {
        try read({ try $0.claimPrintJob(station: station, worker: worker, printer: printer, jobId: jobId, at: at) },
                 replica: { try $0.claimPrintJob(station: station, worker: worker, printer: printer, jobId: jobId, at: at) })
    }

    /// Offline, a badge this desk printed itself is recorded in its copy and queued for the
    /// server's print log (the job itself stays this desk's).
    public func finishPrintJob(id: Int64, worker: String, result: PrintJobResult, at: Date) throws -> PrintJob {
        try deskWrite({ server, _ in try server.finishPrintJob(id: id, worker: worker, result: result, at: at) },
                      offline: { opId in
            guard case .done(let template, let output) = result, let job = try replica.store.printJob(id: id) else {
                return try replica.store.finishPrintJob(id: id, worker: worker, result: result, at: at)
            }
            let row = try localAttendee(job.attendeeId)
            let queued = try replica.enqueue(DeskOperation(opId: opId, kind: .print, eventId: row.eventId,
                                                           attendeeKey: row.providerAttendeeId, doorTime: at,
                                                           operatorName: job.operatorName, desk: desk,
                                                           payload: ["template": template, "output": output]))
            do {
                return try replica.store.finishPrintJob(id: id, worker: worker, result: result, at: at)
            } catch {
                try? replica.withdraw(queued)
                throw error
            }
        })
    }

    public func retryPrintJob(id: Int64, operatorName: String, at: Date) throws -> PrintJob {
        try read({ try $0.retryPrintJob(id: id, operatorName: operatorName, at: at) },
                 replica: { try $0.retryPrintJob(id: id, operatorName: operatorName, at: at) })
    }

    public func printJob(id: Int64) throws -> PrintJob? {
        try read({ try $0.printJob(id: id) }, replica: { try $0.printJob(id: id) })
    }

    public func printJobs(eventId: Int64?, limit: Int) throws -> [PrintJob] {
        try read({ try $0.printJobs(eventId: eventId, limit: limit) }, replica: { try $0.printJobs(eventId: eventId, limit: limit) })
    }

    public func recordPrintStationBeat(_ beat: PrintStationBeat) throws {
        try serverOnly { try $0.recordPrintStationBeat(beat) }
    }

    public func printStations(now: Date) throws -> [PrintStationHealth] {
        try read({ try $0.printStations(now: now) }, replica: { _ in [] })
    }

    // MARK: Templates and members (read anywhere, changed on the server only)

    public func saveTemplate(_ template: BadgeTemplate) throws -> BadgeTemplate {
        try serverOnly { try $0.saveTemplate(template) }
    }
    public func templates(eventId: Int64) throws -> [BadgeTemplate] {
        try read({ try $0.templates(eventId: eventId) }, replica: { try $0.templates(eventId: eventId) })
    }
    public func removeTemplate(eventId: Int64, name: String) throws -> Bool {
        try serverOnly { try $0.removeTemplate(eventId: eventId, name: name) }
    }
    public func saveMember(_ member: Member) throws { try serverOnly { try $0.saveMember(member) } }
    public func members() throws -> [Member] { try read({ try $0.members() }, replica: { try $0.members() }) }
    public func member(name: String) throws -> Member? {
        try read({ try $0.member(name: name) }, replica: { try $0.member(name: name) })
    }
    public func removeMember(name: String) throws -> Bool { try serverOnly { try $0.removeMember(name: name) } }

    // MARK: Wrong PINs (this desk's own count while offline)

    public func pinAttempts(subject: String) throws -> PINAttempts {
        try read({ try $0.pinAttempts(subject: subject) }, replica: { try $0.pinAttempts(subject: subject) })
    }
    public func recordPINFailure(subject: String, at now: Date, backoff: PINBackoff) throws -> PINAttempts {
        try read({ try $0.recordPINFailure(subject: subject, at: now, backoff: backoff) },
                 replica: { try $0.recordPINFailure(subject: subject, at: now, backoff: backoff) })
    }
    public func clearPINAttempts(subject: String) throws {
        try read({ try $0.clearPINAttempts(subject: subject) }, replica: { try $0.clearPINAttempts(subject: subject) })
    }

    // MARK: Checkpoints, maintenance, change feed, statistics, audit, privacy

    public func importCheckpoint(eventId: Int64) throws -> ImportCheckpoint? {
        try read({ try $0.importCheckpoint(eventId: eventId) }, replica: { _ in nil })
    }
    public func clearImportCheckpoint(eventId: Int64) throws {
        try serverOnly { try $0.clearImportCheckpoint(eventId: eventId) }
    }
    public func settleAfterBulkWrite() { online?.settleAfterBulkWrite() }

    /// Moves with other desks' commits while connected, with the replica's while not, and
    /// whenever the desk switches between the two or a replay ends (the console reloads).
    public func externalChangeCounter() throws -> Int64 {
        let source: Int64
        if let primary = online {
            source = (try? primary.externalChangeCounter()) ?? 0
        } else {
            source = (try? replica.store.externalChangeCounter()) ?? 0
        }
        return lock.withLock { bumps } << 40 &+ source
    }

    public func stats(eventId: Int64) throws -> EventStats {
        noteOpened(eventId)
        return try read({ try $0.stats(eventId: eventId) }, replica: {
            try requireCopy(eventId)
            return try $0.stats(eventId: eventId)
        })
    }

    public func recordAudit(operatorName: String, action: String, detail: String, at: Date) throws {
        try deskWrite({ server, _ in
            try server.recordAudit(operatorName: operatorName, action: action, detail: detail, at: at)
        }, offline: { opId in
            try replica.enqueue(DeskOperation(opId: opId, kind: .audit, eventId: 0, attendeeKey: "", doorTime: at,
                                              operatorName: operatorName, desk: desk,
                                              payload: ["action": action, "detail": detail]))
            try replica.store.recordAudit(operatorName: operatorName, action: action, detail: detail, at: at)
        })
    }

    public func purgePersonalData(eventId: Int64, at now: Date) throws -> PurgeSummary {
        try serverOnly { try $0.purgePersonalData(eventId: eventId, at: now) }
    }
}

/// Sync leadership and desks online come from the server; while it is away this desk leads
/// nothing (syncing with the provider pauses here; a desk that still reaches it may lead).
extension OfflineDeskStore: SyncCoordinator {
    public var deskName: String { desk }
    public func leadSync(eventId: Int64) throws -> Bool { try serverOnly { try $0.leadSync(eventId: eventId) } }
    public func releaseSync(eventId: Int64) { online?.releaseSync(eventId: eventId) }
    public func syncLeader(eventId: Int64) throws -> String? { try serverOnly { try $0.syncLeader(eventId: eventId) } }
    public func syncLeaders() throws -> [Int64: String] { try serverOnly { try $0.syncLeaders() } }
    public func requestResync(eventId: Int64) throws { try serverOnly { try $0.requestResync(eventId: eventId) } }
    public func takeResyncRequest(eventId: Int64) throws -> Bool {
        try serverOnly { try $0.takeResyncRequest(eventId: eventId) }
    }
    public func desksOnline() throws -> [String] { try serverOnly { try $0.desksOnline() } }
}

extension OfflineDeskStore: RateLedgerStore {
    public func reserveRateSlot(account: String, planned: Int, window: TimeInterval, now: Date, maxWait: TimeInterval)
        throws -> RateSlot {
        try serverOnly { try $0.reserveRateSlot(account: account, planned: planned, window: window, now: now, maxWait: maxWait) }
    }
    public func blockRate(account: String, until: Date) throws {
        try serverOnly { try $0.blockRate(account: account, until: until) }
    }
    public func rateUse(account: String, window: TimeInterval, now: Date) throws -> RateUse {
        try serverOnly { try $0.rateUse(account: account, window: window, now: now) }
    }
}

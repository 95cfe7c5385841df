import BadgeCore
import Foundation
import Storage
import Testing

/// The print queue (issue #16) on every store: jobs, claims, ends, retries, station health, and
/// the change feed that wakes a print station. The same contract a replica-backed store keeps.
@Suite struct PrintJobsContractTests {
    typealias F = ContractFixtures

    private func seeded(_ c: ContractStore) throws -> (any BadgeStore, Event, [Int64]) {
        let (store, event) = try c.withEvent()
        _ = try store.applyPage(eventId: event.id, attendees: (1...4).map { F.person($0) }, checkpoint: nil, now: F.t0)
        let ids = try (1...4).map { try #require(try store.attendee(eventId: event.id, barcode: "BC\($0)")).id }
        return (store, event, ids)
    }

    private func job(_ event: Event, _ attendee: Int64, station: String = "S") -> PrintJob {
        PrintJob(eventId: event.id, attendeeId: attendee, station: station, desk: "door-1", operatorName: "ada",
                 createdAt: F.t0)
    }

    @Test(arguments: StoreKind.allCases)
    func jobsAreClaimedOldestFirstOncePerWorkerAndIdempotentlyEnqueued(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (store, event, ids) = try seeded(c)
        let first = job(event, ids[0])
        let a = try store.enqueuePrintJob(first)
        #expect(try store.enqueuePrintJob(first).id == a.id, "the same operation id is one job")
        let b = try store.enqueuePrintJob(job(event, ids[1]))
        let elsewhere = try store.enqueuePrintJob(job(event, ids[2], station: "Other"))
        #expect(a.status == .queued && a.station == "S" && a.attempts == 0)

        let w1 = try #require(try store.claimPrintJob(station: "S", worker: "w1", printer: "zpl://p", jobId: nil, at: F.at(1)))
        #expect(w1.id == a.id && w1.status == .sent && w1.attempts == 1 && w1.claimedBy == "w1" && w1.printer == "zpl://p")
        #expect(try store.claimPrintJob(station: "S", worker: "w1", printer: "zpl://p", jobId: nil, at: F.at(2))?.id == a.id,
                "a worker is handed back the job it holds (a claim whose reply was lost)")
        #expect(try store.claimPrintJob(station: "S", worker: "w2", printer: "zpl://p", jobId: nil, at: F.at(2))?.id == b.id)
        #expect(try store.claimPrintJob(station: "S", worker: "w3", printer: "zpl://p", jobId: nil, at: F.at(2)) == nil)
        #expect(try store.printJobs(eventId: event.id, limit: 10).map(\.id) == [elsewhere.id, b.id, a.id])
        #expect(try store.printJobs(eventId: nil, limit: 1).count == 1)
        #expect(throws: StorageError.self) { try store.enqueuePrintJob(job(Event(id: 999, provider: .luma, externalId: "x",
                                                                                   name: "x", accessCode: "x"), ids[0])) }
    }

    @Test(arguments: StoreKind.allCases)
    func aDoneJobCountsThePrintAndOnlyItsHolderEndsIt(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (store, event, ids) = try seeded(c)
        let queued = try store.enqueuePrintJob(job(event, ids[0]))
        _ = try store.claimPrintJob(station: "S", worker: "w1", printer: "zpl://p", jobId: nil, at: F.at(1))
        #expect(throws: StorageError.self) {
            try store.finishPrintJob(id: queued.id, worker: "w2", result: .done(templateName: "T", output: "x"), at: F.at(2))
        }
        #expect(try store.attendee(id: ids[0])?.printCount == 0, "nothing counts before the job is done")
        let done = try store.finishPrintJob(id: queued.id, worker: "w1",
                                            result: .done(templateName: "Default", output: "printer:zpl://p"), at: F.at(2))
        #expect(done.status == .done && done.templateName == "Default" && done.output == "printer:zpl://p")
        #expect(try store.attendee(id: ids[0])?.printCount == 1)
        #expect(try store.prints(attendeeId: ids[0]).map(\.output) == ["printer:zpl://p"])

        let other = try store.enqueuePrintJob(job(event, ids[1]))
        _ = try store.claimPrintJob(station: "S", worker: "w1", printer: "zpl://p", jobId: nil, at: F.at(3))
        let failed = try store.finishPrintJob(id: other.id, worker: "w1", result: .failed(reason: "zpl://p: printer out of labels"),
                                              at: F.at(4))
        #expect(failed.status == .failed && failed.reason == "zpl://p: printer out of labels")
        #expect(try store.attendee(id: ids[1])?.printCount == 0)
    }

    @Test(arguments: StoreKind.allCases)
    func retriesRequeueAFailedJobAndReprintOneOfUnknownOutcomeCounted(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (store, event, ids) = try seeded(c)
        let now = Date()
        // Failed → queued again, same job.
        let a = try store.enqueuePrintJob(job(event, ids[0]))
        _ = try store.claimPrintJob(station: "S", worker: "w1", printer: "p", jobId: nil, at: now)
        _ = try store.finishPrintJob(id: a.id, worker: "w1", result: .failed(reason: "refused"), at: now)
        let again = try store.retryPrintJob(id: a.id, operatorName: "bo", at: now)
        #expect(again.id == a.id && again.status == .queued && again.claimedBy == nil)
        #expect(throws: StorageError.self) { try store.retryPrintJob(id: a.id, operatorName: "bo", at: now) }

        // Sent by a live station: not retryable. Its station gone: reprinted, the unknown one counted.
        let b = try store.enqueuePrintJob(job(event, ids[1], station: "T"))
        try store.recordPrintStationBeat(PrintStationBeat(name: "T", session: "t1", printer: "p", startedAt: now, at: now))
        _ = try store.claimPrintJob(station: "T", worker: "t1", printer: "p", jobId: nil, at: now)
        #expect(throws: StorageError.self) { try store.retryPrintJob(id: b.id, operatorName: "bo", at: now) }
        let later = now.addingTimeInterval(PrintStationHealth.onlineWindow + 1)
        let reprint = try store.retryPrintJob(id: b.id, operatorName: "bo", at: later)
        #expect(reprint.id != b.id && reprint.reprintOf == b.id && reprint.status == .queued && reprint.station == "T")
        let closed = try #require(try store.printJob(id: b.id))
        #expect(closed.status == .done && closed.reason?.contains("reprinted as job \(reprint.id)") == true)
        #expect(try store.attendee(id: ids[1])?.printCount == 1, "the badge that may exist counts")

        // A desk's own job (station "") of unknown outcome is reprinted for the same printer,
        // and only that job is claimed by id.
        let own = try store.enqueuePrintJob(PrintJob(eventId: event.id, attendeeId: ids[2], status: .sent, printer: "zpl://desk",
                                                     desk: "door-1", operatorName: "ada", attempts: 1, claimedBy: "desk-w",
                                                     createdAt: now))
        #expect(throws: StorageError.self) { try store.retryPrintJob(id: own.id, operatorName: "bo", at: now) }
        let ownAgain = try store.retryPrintJob(id: own.id, operatorName: "bo",
                                               at: now.addingTimeInterval(PrintJob.deskSendWindow + 1))
        #expect(ownAgain.station == "" && ownAgain.printer == "zpl://desk")
        let byId = try store.claimPrintJob(station: "", worker: "desk-x", printer: "zpl://desk", jobId: ownAgain.id, at: now)
        #expect(byId?.id == ownAgain.id)
    }

    @Test(arguments: StoreKind.allCases)
    func stationHealthCountsProcessesQueueFailuresAndTheLastError(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (store, event, ids) = try seeded(c)
        let now = Date()
        #expect(try store.printStations(now: now).isEmpty)
        try store.recordPrintStationBeat(PrintStationBeat(name: "Hall", session: "h1", printer: "zpl://a", startedAt: now, at: now))
        try store.recordPrintStationBeat(PrintStationBeat(name: "Hall", session: "h2", printer: "zpl://a", startedAt: now, at: now,
                                                          error: "zpl://a: printer head open"))
        try store.recordPrintStationBeat(PrintStationBeat(name: "Old", session: "o1", printer: "pdf:/x", startedAt: now,
                                                          at: now.addingTimeInterval(-60)))
        _ = try store.enqueuePrintJob(job(event, ids[0], station: "Hall"))
        _ = try store.enqueuePrintJob(job(event, ids[1], station: "Hall"))
        _ = try store.enqueuePrintJob(job(event, ids[2], station: "Nobody"))
        let stations = try store.printStations(now: now)
        #expect(stations.map(\.name) == ["Hall", "Nobody", "Old"])
        let hall = stations[0]
        #expect(hall.online && hall.processes == 2 && hall.liveSessions == ["h1", "h2"])
        #expect(hall.queued == 2 && hall.sending == 0 && hall.failed == 0)
        #expect(hall.lastError == "zpl://a: printer head open")
        #expect(!stations[1].online && stations[1].queued == 1, "jobs for a station never seen")
        #expect(!stations[2].online && stations[2].printer == "pdf:/x")
        // A later beat without an error keeps the last error.
        try store.recordPrintStationBeat(PrintStationBeat(name: "Hall", session: "h2", printer: "zpl://a", startedAt: now,
                                                          at: now.addingTimeInterval(1)))
        #expect(try store.printStations(now: now).first?.lastError == "zpl://a: printer head open")
    }

    /// Two instances (two station processes) claim from one queue at once: every job is taken
    /// exactly once.
    @Test(arguments: StoreKind.allCases)
    func twoInstancesClaimingAtOnceTakeEachJobOnce(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (store, event, ids) = try seeded(c)
        for n in 0..<40 { _ = try store.enqueuePrintJob(job(event, ids[n % 4])) }
        let others = try (0..<2).map { try c.another(desk: "station-\($0)", listen: false) }
        let taken = TakenJobs()
        let group = DispatchGroup()
        for (i, other) in others.enumerated() {
            group.enter()
            Thread {
                while let job = try? other.claimPrintJob(station: "S", worker: "w\(i)", printer: "p", jobId: nil, at: Date()) {
                    taken.add(job.id)
                    _ = try? other.finishPrintJob(id: job.id, worker: "w\(i)", result: .done(templateName: "T", output: "o"),
                                                  at: Date())
                }
                group.leave()
            }.start()
        }
        group.wait()
        #expect(taken.all.count == 40)
        #expect(Set(taken.all).count == 40, "no job taken twice")
        #expect(try (0..<4).map { try store.attendee(id: ids[$0])?.printCount } == [10, 10, 10, 10])
    }

    /// A print station wakes on the store's change feed: a job another instance queues moves it.
    @Test(arguments: StoreKind.allCases)
    func aJobQueuedElsewhereMovesTheChangeCounter(kind: StoreKind) throws {
        guard let c = try ContractStore.make(kind) else { return }
        let (store, event, ids) = try seeded(c)
        let desk = try c.another(desk: "door-2", listen: false)
        let before = try store.externalChangeCounter()
        _ = try desk.enqueuePrintJob(job(event, ids[0]))
        let deadline = Date().addingTimeInterval(10)
        var moved = false
        while Date() < deadline, !moved {
            moved = try store.externalChangeCounter() != before
            if !moved { Thread.sleep(forTimeInterval: 0.02) }
        }
        #expect(moved)
    }
}

private final class TakenJobs: @unchecked Sendable {
    private let lock = NSLock()
    private var ids: [Int64] = []
    func add(_ id: Int64) { lock.withLock { ids.append(id) } }
    var all: [Int64] { lock.withLock { ids } }
}

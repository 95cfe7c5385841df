import BadgeCore
import Foundation
@testable import Printers
import Storage
import Testing
import TestSupport

/// Issue #16's queue proofs on both stores: a print is a job that is never lost and never
/// printed twice silently.
@Suite(.serialized) struct PrintQueueTests {
    @Test(arguments: QueueStoreKind.allCases)
    func printerDownThenBackRetryPrintsExactlyOnce(kind: QueueStoreKind) throws {
        guard let fx = try QueueFixture.make(kind) else { return }
        let printer = try FakePrinter(mode: .refuse)
        let worker = try TestLabels.worker(fx.store, printer: printer)
        let job = try fx.enqueue(0)

        let first = try #require(try worker.runNext(station: "S"))
        #expect(first.job.id == job.id)
        #expect(first.job.status == .failed)
        #expect(first.job.reason?.contains("connection refused") == true, "\(first.job.reason ?? "")")
        #expect(try fx.printCount(0) == 0)
        #expect(try worker.runNext(station: "S") == nil, "a failed job is not retried by itself")

        try printer.setMode(.accept)
        let again = try fx.store.retryPrintJob(id: job.id, operatorName: "ana", at: Date())
        #expect(again.id == job.id && again.status == .queued)
        let second = try #require(try worker.runNext(station: "S"))
        #expect(second.job.status == .done)
        #expect(second.job.attempts == 2)
        #expect(try worker.runNext(station: "S") == nil)
        #expect(printer.receivedJobs.count == 1)
        #expect(String(decoding: printer.receivedJobs[0], as: UTF8.self).contains("Person 0"))
        #expect(try fx.printCount(0) == 1)
        #expect(try fx.store.prints(attendeeId: fx.attendeeIds[0]).count == 1)
    }

    @Test(arguments: QueueStoreKind.allCases)
    func aPrinterThatSaysOutOfLabelsGetsNothingAndTheJobSaysWhy(kind: QueueStoreKind) throws {
        guard let fx = try QueueFixture.make(kind) else { return }
        let printer = try FakePrinter()
        printer.answerStatus(FakePrinter.hostStatus(paperOut: true, headOpen: true))
        let worker = try TestLabels.worker(fx.store, printer: printer)
        try fx.enqueue(1)
        let outcome = try #require(try worker.runNext(station: "S"))
        #expect(outcome.job.status == .failed)
        #expect(outcome.job.reason?.contains("printer head open") == true, "\(outcome.job.reason ?? "")")
        #expect(printer.receivedJobs.isEmpty)
        #expect(printer.statusQueryCount == 1)

        printer.answerStatus(FakePrinter.hostStatus())
        _ = try fx.store.retryPrintJob(id: outcome.job.id, operatorName: "ana", at: Date())
        #expect(try worker.runNext(station: "S")?.job.status == .done)
        #expect(printer.receivedJobs.count == 1)
    }

    /// What a `kill -9` of a worker between "sent" and the printer's answer leaves: the next
    /// worker does not send the job again; the operator's retry reprints it, counted as a reprint.
    @Test(arguments: QueueStoreKind.allCases)
    func aJobWhoseWorkerDiedIsNeitherResentNorLostAndItsReprintIsCounted(kind: QueueStoreKind) throws {
        guard let fx = try QueueFixture.make(kind) else { return }
        let printer = try FakePrinter()
        let job = try fx.enqueue(2)
        // The dead worker: beat once, claimed, never finished.
        let dead = "station-S:dead"
        try fx.store.recordPrintStationBeat(PrintStationBeat(name: "S", session: dead, printer: printer.zplAddress,
                                                             startedAt: Date(), at: Date().addingTimeInterval(-60)))
        let claimed = try #require(try fx.store.claimPrintJob(station: "S", worker: dead, printer: printer.zplAddress,
                                                              jobId: nil, at: Date()))
        #expect(claimed.id == job.id && claimed.status == .sent)

        // The restarted station: beats, finds nothing to send.
        let station = try fx.connection("station")
        let worker = try TestLabels.worker(station, printer: printer)
        try station.recordPrintStationBeat(PrintStationBeat(name: "S", session: worker.id, printer: printer.zplAddress,
                                                            startedAt: Date(), at: Date()))
        #expect(try worker.runNext(station: "S") == nil)
        #expect(printer.receivedJobs.isEmpty)
        let health = try #require(try fx.store.printStations(now: Date()).first { $0.name == "S" })
        #expect(health.online && health.sending == 1 && health.queued == 0)
        let listed = try #require(try fx.store.printJob(id: job.id))
        #expect(listed.outcomeUnknown(liveSessions: health.liveSessions, now: Date()))

        // The operator reprints: the unknown one counts, the reprint prints once.
        let reprint = try fx.store.retryPrintJob(id: job.id, operatorName: "ana", at: Date())
        #expect(reprint.id != job.id && reprint.reprintOf == job.id && reprint.status == .queued)
        #expect(try fx.store.printJob(id: job.id)?.status == .done)
        #expect(try fx.store.printJob(id: job.id)?.reason?.contains("outcome unknown") == true)
        #expect(try worker.runNext(station: "S")?.job.status == .done)
        #expect(printer.receivedJobs.count == 1)
        #expect(try fx.printCount(2) == 2, "the badge that may exist and its reprint")
        #expect(throws: StorageError.self) { try fx.store.retryPrintJob(id: job.id, operatorName: "ana", at: Date()) }
    }

    @Test(arguments: QueueStoreKind.allCases)
    func aJobBeingSentByALiveStationCannotBeRetried(kind: QueueStoreKind) throws {
        guard let fx = try QueueFixture.make(kind) else { return }
        let job = try fx.enqueue(0)
        try fx.store.recordPrintStationBeat(PrintStationBeat(name: "S", session: "live", printer: "zpl://x",
                                                             startedAt: Date(), at: Date()))
        _ = try fx.store.claimPrintJob(station: "S", worker: "live", printer: "zpl://x", jobId: nil, at: Date())
        #expect(throws: StorageError.self) { try fx.store.retryPrintJob(id: job.id, operatorName: "ana", at: Date()) }
        #expect(try fx.store.printJob(id: job.id)?.status == .sent)
    }

    /// Two stations of one name on two connections drain one queue: every job printed once.
    @Test(arguments: QueueStoreKind.allCases)
    func twoStationsClaimingAtOnceEachJobPrintedOnce(kind: QueueStoreKind) throws {
        guard let fx = try QueueFixture.make(kind, attendees: 30) else { return }
        let printer = try FakePrinter()
        for n in 0..<30 { try fx.enqueue(n) }
        let workers = try (0..<2).map { i in try TestLabels.worker(try fx.connection("station-\(i)"), printer: printer) }
        let group = DispatchGroup()
        let done = Counter()
        for worker in workers {
            group.enter()
            Thread {
                while let outcome = try? worker.runNext(station: "S") {
                    if outcome.job.status == .done { done.add(worker.id) }
                }
                group.leave()
            }.start()
        }
        group.wait()
        #expect(done.total == 30)
        let names = printer.receivedJobs.map { String(decoding: $0, as: UTF8.self) }
        #expect(names.count == 30)
        #expect(Set(names).count == 30, "no badge printed twice")
        for n in 0..<30 { #expect(try fx.printCount(n) == 1) }
        #expect(try fx.store.printJobs(eventId: fx.event.id, limit: 100).allSatisfy { $0.status == .done && $0.attempts == 1 })
    }

    @Test(arguments: QueueStoreKind.allCases)
    func enqueuingTwiceWithOneOperationIdIsOneJob(kind: QueueStoreKind) throws {
        guard let fx = try QueueFixture.make(kind) else { return }
        let job = PrintJob(eventId: fx.event.id, attendeeId: fx.attendeeIds[0], station: "S", desk: "d", operatorName: "a",
                           createdAt: Date())
        let a = try fx.store.enqueuePrintJob(job)
        let b = try fx.store.enqueuePrintJob(job)
        #expect(a.id == b.id)
        #expect(try fx.store.printJobs(eventId: nil, limit: 10).count == 1)
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var byWorker: [String: Int] = [:]
    func add(_ worker: String) { lock.withLock { byWorker[worker, default: 0] += 1 } }
    var total: Int { lock.withLock { byWorker.values.reduce(0, +) } }
}

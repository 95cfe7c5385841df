import BadgeCore
import Foundation
import PostgresStore
@testable import Printers
import Printing
import Storage
import TestSupport

/// Which store a queue test runs on.
enum QueueStoreKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite, postgres
    var description: String { rawValue }
}

/// One event with a few attendees in a fresh store (a SQLite file, or a database on the
/// PostgreSQL test server), and more connections to it for more workers or desks.
final class QueueFixture: @unchecked Sendable {
    let kind: QueueStoreKind
    let store: any BadgeStore
    let event: Event
    let attendeeIds: [Int64]
    private let opener: @Sendable (String) throws -> any BadgeStore
    private let cleanup: @Sendable () -> Void

    /// nil when the kind is PostgreSQL and it is not installed (skipped loudly by the server).
    static func make(_ kind: QueueStoreKind, attendees: Int = 3) throws -> QueueFixture? {
        switch kind {
        case .sqlite:
            let dir = try TemporaryDirectory(prefix: "badge-queue")
            let path = dir.file("badge.sqlite")
            return try QueueFixture(kind: kind, attendees: attendees, opener: { _ in try SQLiteStore.open(path: path) },
                                    cleanup: { dir.remove() })
        case .postgres:
            guard let server = try PostgresTestServer.requireOrSkip("print queue on PostgreSQL") else { return nil }
            let url = try server.createDatabase("printq")
            _ = try PostgresStore.open(url: url, options: .init(desk: "setup", migrate: true, listen: false))
            return try QueueFixture(kind: kind, attendees: attendees,
                                    opener: { desk in try PostgresStore.open(url: url, options: .init(desk: desk, listen: false)) },
                                    cleanup: { try? server.dropDatabase(url: url) })
        }
    }

    private init(kind: QueueStoreKind, attendees: Int, opener: @escaping @Sendable (String) throws -> any BadgeStore,
                 cleanup: @escaping @Sendable () -> Void) throws {
        self.kind = kind
        self.opener = opener
        self.cleanup = cleanup
        store = try opener("desk-1")
        event = try store.createEvent(Event(provider: .eventbrite, externalId: "Q1", name: "Queue", syncStatus: .active,
                                            accessCode: "ABC123"))
        let people = (0..<attendees).map { n in
            ProviderAttendee(providerAttendeeId: "A\(n)", orderId: "O\(n)", name: "Person \(n)", firstName: "Person",
                             lastName: "\(n)", email: "p\(n)@example.com", company: "Co", jobTitle: nil,
                             ticketName: "General", barcode: "BC\(n)", status: .attending, providerStatus: "Attending",
                             checkedInAt: nil, changedAt: Date())
        }
        _ = try store.applyPage(eventId: event.id, attendees: people, checkpoint: nil, now: Date())
        attendeeIds = try store.attendees(AttendeeQuery(eventId: event.id, limit: 1000)).map(\.id).sorted()
    }

    deinit { cleanup() }

    /// Another connection (another desk or station process's view of the store).
    func connection(_ desk: String) throws -> any BadgeStore { try opener(desk) }

    /// A job for `station` of attendee `n`.
    @discardableResult
    func enqueue(_ n: Int, station: String = "S", desk: String = "desk-1") throws -> PrintJob {
        try store.enqueuePrintJob(PrintJob(eventId: event.id, attendeeId: attendeeIds[n], station: station, desk: desk,
                                           operatorName: "ana", createdAt: Date()))
    }

    func printCount(_ n: Int) throws -> Int { try store.attendee(id: attendeeIds[n])?.printCount ?? -1 }
}

/// A stand-in for the label encoders (they are another branch's; these tests are about delivery):
/// a small ZPL job that names the attendee, so tests can tell badges apart; the real `~HS` parser.
enum TestLabels {
    static let encoding = LabelEncoding(
        encode: { attendee, _, _, _ in
            (Data("^XA^FO20,20^A0N,40,40^FD\(attendee.badgeName)^FS^XZ".utf8), [])
        },
        statusProblems: LabelEncoding.standard.statusProblems)

    static func worker(_ store: any BadgeStore, printer: FakePrinter, id: String = PrintWorker.newID(),
                       timeouts: RawTCPConnection.Timeouts = .init(connect: 2, write: 2, status: 1)) throws -> PrintWorker {
        PrintWorker(store: store, id: id,
                    delivery: BadgeDelivery(address: try PrinterAddress.parse(printer.zplAddress), timeouts: timeouts,
                                            labels: encoding),
                    fonts: { try FontSet.discover(searchPaths: FontSet.searchPaths(environment: [:])) })
    }
}

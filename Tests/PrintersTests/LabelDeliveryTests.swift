import BadgeCore
import Foundation
@testable import Printers
import Printing
import Storage
import Testing
import TestSupport

/// A queued badge reaches a label printer in its own language, byte for byte what the encoders
/// make of the badge's raster (the encoders and raster are proven against the PDF in
/// PrintingTests).
@Suite struct LabelDeliveryTests {
    /// A 62 × 100 mm template (fits both a Zebra and a Brother QL 62x100 roll).
    static let narrow = """
        size 62x100mm portrait
        field first_name x=3 y=24 w=56 h=16 size=30 min=14 bold align=center
        field last_name  x=3 y=40 w=56 h=10 size=16 min=8 align=center
        qr x=16 y=64 size=30
        """

    func deliverOne(_ address: String, printer: FakePrinter) throws -> (Data, Data) {
        guard let fx = try QueueFixture.make(.sqlite) else { return (Data(), Data()) }
        let template = try fx.store.saveTemplate(BadgeTemplate(eventId: fx.event.id, name: "Default", layout: Self.narrow))
        let fonts = try FontSet.discover(searchPaths: FontSet.searchPaths(environment: [:]))
        let parsed = try PrinterAddress.parse(address)
        let worker = PrintWorker(store: fx.store, delivery: BadgeDelivery(address: parsed, labels: .standard),
                                 fonts: { fonts })
        try fx.enqueue(0)
        let outcome = try #require(try worker.runNext(station: "S"))
        #expect(outcome.job.status == .done, "\(outcome.failure ?? "")")
        #expect(outcome.job.output == "printer:\(parsed)")
        let attendee = try #require(try fx.store.attendee(id: fx.attendeeIds[0]))
        let expected = try LabelEncoding.standard.encode(attendee, template, fonts, parsed).bytes
        return (try #require(printer.receivedJobs.first), expected)
    }

    @Test func aZPLBadgeArrivesAsTheEncoderMadeIt() throws {
        let printer = try FakePrinter()
        let (received, expected) = try deliverOne(printer.zplAddress + "?dpi=300&darkness=20", printer: printer)
        #expect(received == expected)
        let text = String(decoding: received, as: UTF8.self)
        #expect(text.hasPrefix("^XA") && text.contains("^GFA") && text.contains("~SD20"))
        #expect(printer.statusQueryCount == 1, "the ZPL printer was asked ~HS first")
    }

    @Test func aBrotherQLBadgeArrivesAsTheEncoderMadeIt() throws {
        let printer = try FakePrinter()
        let (received, expected) = try deliverOne("brother-ql://127.0.0.1:\(printer.port)?model=QL-820NWB&label=62x100",
                                                  printer: printer)
        #expect(received == expected)
        #expect(received.count > 1000)
        #expect(printer.statusQueryCount == 0, "Brother QL has no ~HS")
    }
}

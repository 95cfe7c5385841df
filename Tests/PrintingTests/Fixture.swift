import BadgeCore
import Foundation
@testable import Printing

/// Shared test inputs: the example templates in Fixtures/templates and the system fonts.
enum Fixture {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func template(_ name: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent("Fixtures/templates/\(name).badge"), encoding: .utf8)
    }

    static func layout(_ name: String) throws -> BadgeLayout { try TemplateParser.parse(template(name)) }

    static let dejaVuPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    static var hasDejaVu: Bool { FileManager.default.fileExists(atPath: dejaVuPath) }
    static var hasCJKFont: Bool { ((try? FontSet.discover())?.regular.count ?? 0) > 1 }

    static func fonts() throws -> FontSet { try FontSet.discover() }

    static func attendee(_ name: String, first: String? = nil, last: String? = nil, company: String? = "Analytical Engines Ltd",
                         ticket: String? = "General Admission", vip: Bool = false,
                         barcode: String? = "https://lu.ma/check-in/evt-Ab12/gst-Xy34") -> Attendee {
        Attendee(id: 7, eventId: 1, providerAttendeeId: "att-7", name: name, firstName: first, lastName: last,
                 company: company, jobTitle: "Engineer", ticketName: ticket, barcode: barcode, vip: vip)
    }
}

import BadgeCore
import Foundation
import Printing

/// Turns a badge into a label printer's own language and reads a ZPL printer's status: the
/// pure half of issue #16 (raster, ZPL and Brother QL encoders, `~HS` parser) that lives in
/// `Printing`. Delivery only needs these two functions, so it is handed them (the composition
/// root passes the real ones; tests may pass a recording one).
public struct LabelEncoding: Sendable {
    /// The job's bytes in `address.language` for the badge, and the characters no font has.
    public var encode: @Sendable (_ attendee: Attendee, _ template: BadgeTemplate, _ fonts: FontSet,
                                  _ address: PrinterAddress) throws -> (bytes: Data, missingGlyphs: [String])
    /// The problems a ZPL `~HS` answer reports ("out of labels", "head open", "paused"…); empty
    /// when ready; nil when the answer cannot be read.
    public var statusProblems: @Sendable (_ answer: Data) -> [String]?

    public init(encode: @escaping @Sendable (Attendee, BadgeTemplate, FontSet, PrinterAddress) throws -> (bytes: Data, missingGlyphs: [String]),
                statusProblems: @escaping @Sendable (Data) -> [String]?) {
        self.encode = encode
        self.statusProblems = statusProblems
    }
}

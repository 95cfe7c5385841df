import Foundation

/// A Brother DK label roll: continuous tape ("62") or die-cut labels ("62x100"), with the area
/// the print head can reach, in 300 dpi dots.
///
/// Printable dots and right offsets from Brother's raster command references (the "print area"
/// tables) as tabulated by the `brother_ql` driver. On die-cut labels the unreachable margin is
/// about 1.5 mm on each side and 3 mm at each end; on continuous tape the length is the job's.
public struct BrotherQLLabel: Sendable, Equatable, CustomStringConvertible {
    public enum Form: Sendable, Equatable { case continuous, dieCut, round }

    /// The name used in printer addresses (`label=62x100`).
    public let name: String
    public let form: Form
    /// Tape width and label length in mm (length 0 for continuous tape).
    public let widthMillimetres: Int
    public let lengthMillimetres: Int
    /// Width and length of the whole label in dots (length 0 for continuous).
    public let totalDots: (width: Int, length: Int)
    /// The part the head prints (length 0 for continuous).
    public let printableDots: (width: Int, length: Int)
    /// Dots between the head's right end and the printable area (before the model's own offset).
    public let rightOffset: Int
    /// Feed margin (`ESC i d`) in dots: 35 on continuous tape, 0 on die-cut labels.
    public let feedMargin: Int
    /// Only the 102 mm (wide) models take this roll.
    public let needsWideModel: Bool

    public var description: String { name }

    public static func == (a: BrotherQLLabel, b: BrotherQLLabel) -> Bool { a.name == b.name }

    init(_ name: String, _ size: (Int, Int), _ form: Form, total: (Int, Int), printable: (Int, Int), right: Int,
         feed: Int? = nil, wide: Bool = false) {
        self.name = name
        self.form = form
        widthMillimetres = size.0
        lengthMillimetres = size.1
        totalDots = total
        printableDots = printable
        rightOffset = right
        feedMargin = feed ?? (form == .continuous ? 35 : 0)
        needsWideModel = wide
    }

    /// Media type byte of `ESC i z`: 0x0A continuous, 0x0B die-cut.
    var mediaType: UInt8 { form == .continuous ? 0x0A : 0x0B }

    public static let all: [BrotherQLLabel] = [
        BrotherQLLabel("12", (12, 0), .continuous, total: (142, 0), printable: (106, 0), right: 29),
        BrotherQLLabel("29", (29, 0), .continuous, total: (342, 0), printable: (306, 0), right: 6),
        BrotherQLLabel("38", (38, 0), .continuous, total: (449, 0), printable: (413, 0), right: 12),
        BrotherQLLabel("50", (50, 0), .continuous, total: (590, 0), printable: (554, 0), right: 12),
        BrotherQLLabel("54", (54, 0), .continuous, total: (636, 0), printable: (590, 0), right: 0),
        BrotherQLLabel("62", (62, 0), .continuous, total: (732, 0), printable: (696, 0), right: 12),
        BrotherQLLabel("102", (102, 0), .continuous, total: (1200, 0), printable: (1164, 0), right: 12, wide: true),
        BrotherQLLabel("17x54", (17, 54), .dieCut, total: (201, 636), printable: (165, 566), right: 0),
        BrotherQLLabel("17x87", (17, 87), .dieCut, total: (201, 1026), printable: (165, 956), right: 0),
        BrotherQLLabel("23x23", (23, 23), .dieCut, total: (272, 272), printable: (202, 202), right: 42),
        BrotherQLLabel("29x42", (29, 42), .dieCut, total: (342, 495), printable: (306, 425), right: 6),
        BrotherQLLabel("29x90", (29, 90), .dieCut, total: (342, 1061), printable: (306, 991), right: 6),
        BrotherQLLabel("38x90", (38, 90), .dieCut, total: (449, 1061), printable: (413, 991), right: 12),
        BrotherQLLabel("39x48", (39, 48), .dieCut, total: (461, 565), printable: (425, 495), right: 6),
        BrotherQLLabel("52x29", (52, 29), .dieCut, total: (614, 341), printable: (578, 271), right: 0),
        BrotherQLLabel("62x29", (62, 29), .dieCut, total: (732, 341), printable: (696, 271), right: 12),
        BrotherQLLabel("62x100", (62, 100), .dieCut, total: (732, 1179), printable: (696, 1109), right: 12),
        BrotherQLLabel("102x51", (102, 51), .dieCut, total: (1200, 596), printable: (1164, 526), right: 12, wide: true),
        BrotherQLLabel("102x152", (102, 153), .dieCut, total: (1200, 1804), printable: (1164, 1660), right: 12, wide: true),
        BrotherQLLabel("d12", (12, 12), .round, total: (142, 142), printable: (94, 94), right: 113, feed: 35),
        BrotherQLLabel("d24", (24, 24), .round, total: (284, 284), printable: (236, 236), right: 42),
        BrotherQLLabel("d58", (58, 58), .round, total: (688, 688), printable: (618, 618), right: 51),
    ]

    /// The label named `text` ("62", "62x100", "62 x 100 mm", "DK-62x100" are all "62x100"), or a
    /// one-line error listing the known names. "39x90" is accepted for Brother's 38×90 roll.
    public static func parse(_ text: String) throws(LabelOptionError) -> BrotherQLLabel {
        var key = text.lowercased().filter { !$0.isWhitespace }
        if key.hasPrefix("dk-") { key.removeFirst(3) }
        if key.hasSuffix("mm") { key.removeLast(2) }
        key = key.replacingOccurrences(of: "×", with: "x")
        if key == "39x90" { key = "38x90" }
        if let label = all.first(where: { $0.name == key }) { return label }
        throw .badValue(key: "label", value: text, expected: "a DK label size: " + all.map(\.name).joined(separator: ", "))
    }
}

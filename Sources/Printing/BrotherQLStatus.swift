/// A Brother QL printer's 32-byte status (the reply to `ESC i S`, and what it sends by itself
/// while printing), from Brother's raster command reference:
///
///     0  0x80 (print head mark)   1  0x20 (size)   2  'B'   3  '0' (series)   4  model code
///     8  error information 1      9  error information 2
///     10 media width (mm)         11 media type (0x0A continuous, 0x0B die-cut; 0x4A/0x4B older)
///     17 media length (mm)        18 status type (0 reply, 1 printed, 2 error, 5 notice, 6 phase)
///
/// parsed into what a desk shows: ready or not, and the one-line reason.
public struct BrotherQLStatus: Sendable, Equatable {
    /// The request: clear a half-sent job, initialise, ask for the status.
    public static let request: [UInt8] = [UInt8](repeating: 0, count: 200) + [0x1B, 0x40, 0x1B, 0x69, 0x53]

    public var errors1: UInt8
    public var errors2: UInt8
    public var mediaWidthMM: Int
    public var mediaLengthMM: Int
    /// Continuous tape (false: die-cut labels).
    public var continuous: Bool
    public var statusType: UInt8

    /// The label roll loaded, as in printer addresses ("62", "62x100"), when the printer says.
    public var loadedLabel: String? {
        guard mediaWidthMM > 0 else { return nil }
        return continuous || mediaLengthMM == 0 ? "\(mediaWidthMM)" : "\(mediaWidthMM)x\(mediaLengthMM)"
    }

    public var isReady: Bool { reason == nil }

    /// Error bits (1 = error information 1, 2 = error information 2) in the order a desk
    /// should name them: what the operator can fix at the printer first.
    static let reasons: [(byte: Int, mask: UInt8, text: String)] = [
        (2, 0x10, "printer cover open"), (1, 0x01, "printer has no labels"), (1, 0x02, "printer's label roll ended"),
        (2, 0x01, "wrong label roll loaded"), (1, 0x04, "printer's cutter is jammed"),
        (2, 0x40, "printer cannot feed the labels"), (1, 0x20, "printer is turned off"),
        (1, 0x80, "printer's fan has failed"), (1, 0x08, "printer's battery is weak"),
        (1, 0x40, "printer's power adapter is wrong"), (2, 0x80, "printer system error"),
        (2, 0x04, "printer communication error"), (2, 0x02, "printer buffer full"), (2, 0x08, "printer buffer full"),
        (2, 0x20, "printing was cancelled on the printer"), (1, 0x10, "printer is busy"),
    ]

    /// The one-line reason the printer cannot print, most urgent first; nil when ready.
    public var reason: String? {
        Self.reasons.first { ($0.byte == 1 ? errors1 : errors2) & $0.mask != 0 }?.text
    }

    /// Whether `label` is what the printer has loaded (nil when it does not say).
    public func matches(_ label: BrotherQLLabel) -> Bool? {
        guard mediaWidthMM > 0 else { return nil }
        return mediaWidthMM == label.widthMillimetres && (continuous ? label.form == .continuous
            : label.form != .continuous && mediaLengthMM == label.lengthMillimetres)
    }

    /// Parses the last complete 32-byte status in `bytes` (a printer may send several).
    public static func parse(_ bytes: [UInt8]) throws(PrinterStatusError) -> BrotherQLStatus {
        var start: Int?
        var i = 0
        while i + 32 <= bytes.count {
            if bytes[i] == 0x80, bytes[i + 1] == 0x20, bytes[i + 2] == 0x42 { start = i; i += 32 } else { i += 1 }
        }
        guard let s = start else {
            throw .malformed("expected a 32-byte Brother status, got \(bytes.count) bytes")
        }
        let type = bytes[s + 11]
        return BrotherQLStatus(errors1: bytes[s + 8], errors2: bytes[s + 9], mediaWidthMM: Int(bytes[s + 10]),
                               mediaLengthMM: Int(bytes[s + 17]), continuous: type == 0x0A || type == 0x4A,
                               statusType: bytes[s + 18])
    }
}

/// A 1-bit raster in a label printer's dot order: `height` rows top to bottom, each row packed
/// MSB-first into `bytesPerRow` bytes (bit 7 of byte 0 is the leftmost dot), 1 = black (a dot
/// the print head burns). Padding bits at the end of a row are always 0.
///
/// Shaped after what ZPL `^GF` and Brother QL raster lines carry, so encoders copy rows instead
/// of converting pixels; equality compares the dots, which is what the round-trip tests need.
public struct MonoBitmap: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public let bytesPerRow: Int
    /// `height × bytesPerRow` bytes, row after row.
    public private(set) var bytes: [UInt8]

    /// A white bitmap.
    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        bytesPerRow = (self.width + 7) / 8
        bytes = [UInt8](repeating: 0, count: bytesPerRow * self.height)
    }

    /// From packed rows (each `(width + 7) / 8` bytes, MSB-first). Returns nil when a row has the
    /// wrong length; padding bits past `width` are cleared.
    public init?(width: Int, rows: [[UInt8]]) {
        self.init(width: width, height: rows.count)
        for (y, row) in rows.enumerated() {
            guard row.count == bytesPerRow else { return nil }
            bytes.replaceSubrange(y * bytesPerRow..<(y + 1) * bytesPerRow, with: row)
            clearPadding(row: y)
        }
    }

    /// From rows of text, `#` (or any character but space and `.`) = black; for tests and docs.
    public init(picture lines: [String]) {
        let width = lines.map(\.count).max() ?? 0
        self.init(width: width, height: lines.count)
        for (y, line) in lines.enumerated() {
            for (x, c) in line.enumerated() where c != " " && c != "." { self[x, y] = true }
        }
    }

    /// Whether the dot at column `x`, row `y` is black; outside the bitmap reads white and
    /// writes are ignored.
    public subscript(x: Int, y: Int) -> Bool {
        get {
            guard x >= 0, y >= 0, x < width, y < height else { return false }
            return bytes[y * bytesPerRow + x >> 3] & (0x80 >> UInt8(x & 7)) != 0
        }
        set {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            let index = y * bytesPerRow + x >> 3, mask: UInt8 = 0x80 >> UInt8(x & 7)
            if newValue { bytes[index] |= mask } else { bytes[index] &= ~mask }
        }
    }

    /// The packed bytes of row `y`.
    public func row(_ y: Int) -> ArraySlice<UInt8> { bytes[y * bytesPerRow..<(y + 1) * bytesPerRow] }

    /// Replaces row `y` with packed bytes (extra bytes ignored, missing bytes white).
    public mutating func setRow(_ y: Int, _ row: some Collection<UInt8>) {
        guard y >= 0, y < height else { return }
        var index = y * bytesPerRow
        for byte in row.prefix(bytesPerRow) { bytes[index] = byte; index += 1 }
        while index < (y + 1) * bytesPerRow { bytes[index] = 0; index += 1 }
        clearPadding(row: y)
    }

    /// Paints columns `x0..<x1` of row `y` (clipped to the bitmap).
    public mutating func fillSpan(y: Int, from x0: Int, to x1: Int, black: Bool = true) {
        guard y >= 0, y < height else { return }
        let a = max(0, x0), b = min(width, x1)
        guard a < b else { return }
        let base = y * bytesPerRow
        var x = a
        while x < b {
            if x & 7 == 0, x + 8 <= b {
                bytes[base + x >> 3] = black ? 0xFF : 0
                x += 8
                continue
            }
            let mask: UInt8 = 0x80 >> UInt8(x & 7)
            if black { bytes[base + x >> 3] |= mask } else { bytes[base + x >> 3] &= ~mask }
            x += 1
        }
    }

    /// Number of black dots.
    public var blackCount: Int { bytes.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// Rows as text (`#` black, `.` white), for test failure messages.
    public var picture: [String] {
        (0..<height).map { y in String((0..<width).map { self[$0, y] ? "#" : "." }) }
    }

    /// The bitmap turned 90° clockwise (what was the left column becomes the top row).
    public func rotatedClockwise() -> MonoBitmap {
        var out = MonoBitmap(width: height, height: width)
        for y in 0..<height {
            for x in 0..<width where self[x, y] { out[height - 1 - y, x] = true }
        }
        return out
    }

    /// A `width × height` window whose top-left corner is at (`x`, `y`) of this bitmap; parts
    /// outside read white.
    public func cropped(x: Int, y: Int, width: Int, height: Int) -> MonoBitmap {
        var out = MonoBitmap(width: width, height: height)
        for row in 0..<out.height {
            for column in 0..<out.width where self[x + column, y + row] { out[column, row] = true }
        }
        return out
    }

    private mutating func clearPadding(row y: Int) {
        let extra = bytesPerRow * 8 - width
        guard extra > 0, bytesPerRow > 0 else { return }
        bytes[y * bytesPerRow + bytesPerRow - 1] &= UInt8(truncatingIfNeeded: 0xFF << extra)
    }
}

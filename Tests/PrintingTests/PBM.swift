import Foundation
@testable import Printing

/// Netpbm P4 (binary bitmap) read and write: the format `pdftoppm -mono` writes and `zbarimg`
/// reads. Rows are packed MSB-first with 1 = black, exactly `MonoBitmap`'s layout.
enum PBM {
    static func write(_ bitmap: MonoBitmap, to url: URL) throws {
        var data = Data("P4\n\(bitmap.width) \(bitmap.height)\n".utf8)
        data.append(contentsOf: bitmap.bytes)
        try data.write(to: url)
    }

    /// A P5 grey map (`pdftoppm -gray`, anti-aliased) as a bitmap: a dot is black when it is
    /// at least half ink (grey level below 128), the rasteriser's own 50 % rule.
    static func readGreyThresholded(_ url: URL) throws -> MonoBitmap {
        let bytes = [UInt8](try Data(contentsOf: url))
        var i = 0, fields: [String] = []
        while fields.count < 4, i < bytes.count {
            while i < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) { i += 1 }
            let start = i
            while i < bytes.count, ![0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) { i += 1 }
            fields.append(String(decoding: bytes[start..<i], as: UTF8.self))
        }
        i += 1
        guard fields.first == "P5", let width = Int(fields[1]), let height = Int(fields[2]), fields[3] == "255",
              bytes.count >= i + width * height else { throw CocoaError(.fileReadCorruptFile) }
        var bitmap = MonoBitmap(width: width, height: height)
        for y in 0..<height { for x in 0..<width where bytes[i + y * width + x] < 128 { bitmap[x, y] = true } }
        return bitmap
    }

    static func read(_ url: URL) throws -> MonoBitmap {
        let bytes = [UInt8](try Data(contentsOf: url))
        var i = 0
        func token() -> String {
            while i < bytes.count {
                if bytes[i] == UInt8(ascii: "#") { while i < bytes.count, bytes[i] != 0x0A { i += 1 } }
                guard i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 else { break }
                i += 1
            }
            let start = i
            while i < bytes.count, ![0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) { i += 1 }
            return String(decoding: bytes[start..<i], as: UTF8.self)
        }
        guard token() == "P4", let width = Int(token()), let height = Int(token()) else {
            throw CocoaError(.fileReadCorruptFile)
        }
        i += 1  // the single whitespace before the raster
        let perRow = (width + 7) / 8
        guard bytes.count >= i + perRow * height else { throw CocoaError(.fileReadCorruptFile) }
        let rows = (0..<height).map { Array(bytes[(i + $0 * perRow)..<(i + ($0 + 1) * perRow)]) }
        return MonoBitmap(width: width, rows: rows)!
    }
}

/// How two rasters of the same badge agree, dot by dot.
struct Agreement: CustomStringConvertible {
    var total = 0, same = 0, inkEither = 0, inkBoth = 0

    /// Over the window `x..<x+w`, `y..<y+h` (the whole first bitmap by default).
    init(_ a: MonoBitmap, _ b: MonoBitmap, x: Int = 0, y: Int = 0, width: Int? = nil, height: Int? = nil) {
        let w = width ?? a.width, h = height ?? a.height
        for row in y..<(y + h) {
            for column in x..<(x + w) {
                let p = a[column, row], q = b[column, row]
                total += 1
                if p == q { same += 1 }
                if p || q { inkEither += 1 }
                if p && q { inkBoth += 1 }
            }
        }
    }

    /// The best agreement of the window when `b` is shifted by up to `shift` dots each way:
    /// rasterisers may place glyph origins differently by up to a dot (poppler snaps them to its
    /// pixel grid, ours does not) while drawing the same shapes.
    static func aligned(_ a: MonoBitmap, _ b: MonoBitmap, x: Int, y: Int, width: Int, height: Int, shift: Int = 1) -> Agreement {
        var best: Agreement?
        for dy in -shift...shift {
            for dx in -shift...shift {
                let moved = b.cropped(x: dx, y: dy, width: b.width, height: b.height)
                let candidate = Agreement(a, moved, x: x, y: y, width: width, height: height)
                if best.map({ candidate.same > $0.same }) ?? true { best = candidate }
            }
        }
        return best!
    }

    /// Share of dots with the same colour.
    var fraction: Double { total == 0 ? 1 : Double(same) / Double(total) }
    /// Share of the ink (black in either) that is black in both: blind to the white background.
    var inkOverlap: Double { inkEither == 0 ? 1 : Double(inkBoth) / Double(inkEither) }

    var description: String {
        String(format: "%.2f %% of %d dots agree; ink overlap %.2f %% (%d of %d)", fraction * 100, total, inkOverlap * 100,
               inkBoth, inkEither)
    }
}

@testable import Printing

/// Reads a Brother QL raster job back into the label it prints, independently of the encoder:
/// walks the command stream (invalidate, ESC @, ESC i a/z/M/A/K/d, M, g, Z, 0C/1A), unpacks
/// PackBits lines, and un-mirrors each head line from the label's printable area.
enum BrotherQLDecoder {
    struct Page {
        var bitmap: MonoBitmap
        var mediaType: UInt8
        var widthMM: Int, lengthMM: Int
        var declaredLines: Int
        var autoCut: Bool
        var cutAtEnd: Bool
        var margin: Int
        var compressed: Bool
        var last: Bool
    }

    struct Decoded {
        var invalidateBytes: Int
        var rasterMode: Bool
        var pages: [Page]
    }

    enum Failure: Error { case malformed(String, at: Int) }

    static func decode(_ bytes: [UInt8], model: BrotherQLModel, label: BrotherQLLabel) throws -> Decoded {
        var i = 0
        while i < bytes.count, bytes[i] == 0 { i += 1 }
        var result = Decoded(invalidateBytes: i, rasterMode: false, pages: [])
        var page = Page(bitmap: MonoBitmap(width: 0, height: 0), mediaType: 0, widthMM: 0, lengthMM: 0, declaredLines: 0,
                        autoCut: false, cutAtEnd: false, margin: 0, compressed: false, last: false)
        var rows: [[UInt8]] = []
        let start = label.rightOffset + model.additionalRightOffset
        let width = label.printableDots.width
        func need(_ n: Int) throws { if i + n > bytes.count { throw Failure.malformed("truncated", at: i) } }
        func labelRow(_ line: [UInt8]) -> [UInt8] {
            var bitmap = MonoBitmap(width: width, height: 1)
            for x in 0..<width {
                let bit = start + (width - 1 - x)
                if line[bit >> 3] & (0x80 >> UInt8(bit & 7)) != 0 { bitmap[x, 0] = true }
            }
            return Array(bitmap.row(0))
        }
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case 0x1B:
                try need(2)
                if bytes[i + 1] == 0x40 { i += 2; continue }
                guard bytes[i + 1] == 0x69 else { throw Failure.malformed("ESC \(bytes[i + 1])", at: i) }
                try need(3)
                switch bytes[i + 2] {
                case 0x61: try need(4); result.rasterMode = bytes[i + 3] == 1; i += 4
                case 0x7A:
                    try need(13)
                    page.mediaType = bytes[i + 4]; page.widthMM = Int(bytes[i + 5]); page.lengthMM = Int(bytes[i + 6])
                    page.declaredLines = Int(bytes[i + 7]) | Int(bytes[i + 8]) << 8 | Int(bytes[i + 9]) << 16 | Int(bytes[i + 10]) << 24
                    i += 13
                case 0x4D: try need(4); page.autoCut = bytes[i + 3] & 0x40 != 0; i += 4
                case 0x41: try need(4); i += 4
                case 0x4B: try need(4); page.cutAtEnd = bytes[i + 3] & 0x08 != 0; i += 4
                case 0x64: try need(5); page.margin = Int(bytes[i + 3]) | Int(bytes[i + 4]) << 8; i += 5
                default: throw Failure.malformed("ESC i \(bytes[i + 2])", at: i)
                }
            case 0x4D: try need(2); page.compressed = bytes[i + 1] == 0x02; i += 2
            case 0x5A: rows.append(labelRow([UInt8](repeating: 0, count: model.bytesPerRow))); i += 1
            case 0x67:
                try need(3)
                let n = Int(bytes[i + 2]); i += 3
                try need(n)
                let data = Array(bytes[i..<i + n]); i += n
                let line = page.compressed ? try unpack(data) : data
                guard line.count == model.bytesPerRow else { throw Failure.malformed("line of \(line.count) bytes", at: i) }
                rows.append(labelRow(line))
            case 0x0C, 0x1A:
                page.last = b == 0x1A
                page.bitmap = MonoBitmap(width: width, rows: rows)!
                result.pages.append(page)
                rows = []
                i += 1
            default: throw Failure.malformed("byte \(b)", at: i)
            }
        }
        return result
    }

    static func unpack(_ data: [UInt8]) throws -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < data.count {
            let n = Int(Int8(bitPattern: data[i])); i += 1
            if n >= 0 {
                guard i + n + 1 <= data.count else { throw Failure.malformed("literal", at: i) }
                out += data[i..<i + n + 1]; i += n + 1
            } else if n != -128 {
                guard i < data.count else { throw Failure.malformed("run", at: i) }
                out += [UInt8](repeating: data[i], count: 1 - n); i += 1
            }
        }
        return out
    }
}

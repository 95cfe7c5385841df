import Foundation
import Testing

/// Re-reads a PDF we wrote, independently of the writer: cross-reference offsets, objects,
/// stream lengths.
struct PDFInspector {
    let bytes: [UInt8]
    let text: String

    init(_ data: Data) {
        bytes = [UInt8](data)
        text = String(decoding: data, as: UTF8.self)
    }

    private func ascii(at offset: Int, count: Int) -> String {
        String(decoding: bytes[offset..<min(bytes.count, offset + count)], as: UTF8.self)
    }

    /// Offset after the last `startxref` keyword.
    func startXref() -> Int? {
        let latin = String(decoding: bytes.map { $0 < 0x80 ? $0 : 0x3F }, as: UTF8.self)
        guard let range = latin.range(of: "startxref\n", options: .backwards) else { return nil }
        let rest = latin[range.upperBound...].prefix { $0.isNumber }
        return Int(rest)
    }

    /// Object offsets from the xref table (index 0 is the free entry).
    func xrefOffsets() -> [Int]? {
        guard let start = startXref(), ascii(at: start, count: 5) == "xref\n" else { return nil }
        var lines = ascii(at: start, count: bytes.count - start).split(separator: "\n", omittingEmptySubsequences: false)
        lines.removeFirst()
        let header = lines.removeFirst().split(separator: " ")
        guard header.count == 2, header[0] == "0", let count = Int(header[1]) else { return nil }
        return lines.prefix(count).map { Int($0.prefix(10)) ?? -1 }
    }

    func objectCount() -> Int? {
        guard let range = text.range(of: "/Size ", options: .backwards) else { return nil }
        return Int(text[range.upperBound...].prefix { $0.isNumber }).map { $0 - 1 }
    }

    /// Pairs of (declared /Length, actual bytes between `stream\n` and `\nendstream`).
    func streamLengths() -> [(declared: Int, actual: Int)] {
        var result: [(Int, Int)] = []
        let marker = Array("stream\n".utf8), end = Array("\nendstream".utf8)
        var i = 0
        while i + marker.count < bytes.count {
            if bytes[i..<i + marker.count].elementsEqual(marker), i >= 3, ascii(at: i - 3, count: 3) != "end" {
                let dict = ascii(at: max(0, i - 200), count: min(i, 200))
                let declared = dict.range(of: "/Length ", options: .backwards)
                    .flatMap { Int(dict[$0.upperBound...].prefix { $0.isNumber }) } ?? -1
                let dataStart = i + marker.count
                var j = dataStart
                while j + end.count <= bytes.count, !bytes[j..<j + end.count].elementsEqual(end) { j += 1 }
                result.append((declared, j - dataStart))
                i = j + end.count
            } else {
                i += 1
            }
        }
        return result
    }

    func objectHeader(at offset: Int) -> String { ascii(at: offset, count: 12) }
}

@testable import Printing

/// Reads a ZPL job back into the bitmap it prints: finds `^GFA,total,total,bytesPerRow,` and
/// expands Zebra's compressed ASCII hex independently of the encoder (repeat letters G–Y and g–z
/// add up, `,` fills the row with 0, `!` with F, `:` repeats the previous row). Also returns the
/// setup commands so tests can check ^PW, ^LL, ~SD, ^PR and ^PQ.
enum ZPLDecoder {
    struct Decoded {
        var bitmap: MonoBitmap
        var commands: [String]
    }

    enum Failure: Error { case noGraphicField, malformed(String) }

    static func decode(_ bytes: [UInt8]) throws -> Decoded {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let gf = text.range(of: "^GFA,") else { throw Failure.noGraphicField }
        let commands = text[..<gf.lowerBound].split(whereSeparator: { $0 == "^" || $0 == "~" || $0.isNewline })
            .map(String.init) + text[gf.upperBound...].split(separator: "^").dropFirst().map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }
        let afterGF = text[gf.upperBound...]
        let header = afterGF.split(separator: ",", maxSplits: 3, omittingEmptySubsequences: false)
        guard header.count == 4, let total = Int(header[0]), Int(header[1]) == total, let perRow = Int(header[2]), perRow > 0 else {
            throw Failure.malformed("header")
        }
        guard let end = header[3].range(of: "^FS") else { throw Failure.malformed("no ^FS") }
        let data = header[3][..<end.lowerBound].filter { !$0.isNewline }
        let rowsCount = total / perRow
        var rows: [[UInt8]] = []
        var digits: [UInt8] = []  // nibbles of the current row
        var count = 0
        func finishRow(fill: UInt8?) throws {
            if let fill { while digits.count < perRow * 2 { digits.append(fill) } }
            guard digits.count == perRow * 2 else { throw Failure.malformed("row \(rows.count) has \(digits.count) digits") }
            rows.append(stride(from: 0, to: digits.count, by: 2).map { digits[$0] << 4 | digits[$0 + 1] })
            digits.removeAll()
        }
        for c in data {
            let v = c.asciiValue ?? 0
            switch c {
            case "G"..."Y": count += Int(v - UInt8(ascii: "G")) + 1
            case "g"..."z": count += (Int(v - UInt8(ascii: "g")) + 1) * 20
            case ",": try finishRow(fill: 0)
            case "!": try finishRow(fill: 0xF)
            case ":":
                guard digits.isEmpty, let last = rows.last else { throw Failure.malformed(": without a row") }
                rows.append(last)
            default:
                guard let nibble = c.hexDigitValue else { throw Failure.malformed("character \(c)") }
                for _ in 0..<max(1, count) { digits.append(UInt8(nibble)) }
                count = 0
                if digits.count > perRow * 2 { throw Failure.malformed("row overflow") }
                if digits.count == perRow * 2 { try finishRow(fill: nil) }
            }
        }
        guard digits.isEmpty, rows.count == rowsCount else { throw Failure.malformed("\(rows.count) rows, expected \(rowsCount)") }
        let width = commands.first { $0.hasPrefix("PW") }.flatMap { Int($0.dropFirst(2)) } ?? perRow * 8
        guard let bitmap = MonoBitmap(width: width, rows: rows) else { throw Failure.malformed("width") }
        return Decoded(bitmap: bitmap, commands: commands)
    }
}

import Foundation

import Foundation

/// A Zebra printer's answer to `~HS` (host status): three lines framed by STX … ETX CR LF,
///
///     <STX>aaa,b,c,dddd,eee,f,g,h,iii,j,k,l<ETX>      b paper out, c paused, dddd label length,
///                                                   eee formats in buffer, f buffer full,
///                                                   j corrupt RAM, k under / l over temperature
///     <STX>mmm,n,o,p,q,r,s,t,uuuuuuuu,v,www<ETX>      o head up (open), p ribbon out,
///                                                   q thermal transfer mode, t label waiting,
///                                                   uuuuuuuu labels remaining in the batch
///     <STX>xxxx,y<ETX>                                (password, RAM)
///
/// parsed into what a desk shows: is the printer ready, and if not the one-line reason.
public struct ZPLHostStatus: Sendable, Equatable {
    public var paperOut: Bool
    public var paused: Bool
    public var headOpen: Bool
    /// Meaningful only in thermal-transfer mode (direct thermal badges have no ribbon).
    public var ribbonOut: Bool
    public var thermalTransfer: Bool
    public var bufferFull: Bool
    public var corruptRAM: Bool
    public var underTemperature: Bool
    public var overTemperature: Bool
    /// A printed label waits to be taken (peel-off mode).
    public var labelWaiting: Bool
    /// Formats received but not yet printed.
    public var formatsInBuffer: Int
    /// Labels still to print in the current batch.
    public var labelsRemaining: Int
    /// Label length the printer measured, in dots.
    public var labelLength: Int

    /// Ready to print: nothing that stops it.
    public var isReady: Bool { reason == nil }

    /// The one-line reason the printer will not print now, most urgent first; nil when ready.
    public var reason: String? {
        if headOpen { return "printer head open" }
        if paperOut { return "printer out of labels" }
        if thermalTransfer && ribbonOut { return "printer out of ribbon" }
        if corruptRAM { return "printer memory corrupt (restart it)" }
        if overTemperature { return "printer head too hot" }
        if underTemperature { return "printer head too cold" }
        if bufferFull { return "printer buffer full" }
        if paused { return "printer paused" }
        return nil
    }

    public typealias ParseError = PrinterStatusError

    /// Parses the reply bytes (the first two lines are required; the third is ignored).
    public static func parse(_ bytes: [UInt8]) throws(ParseError) -> ZPLHostStatus {
        var lines: [[String]] = []
        var current: [UInt8]?
        for byte in bytes {
            switch byte {
            case 0x02: current = []
            case 0x03:
                if let c = current {
                    lines.append(String(decoding: c, as: UTF8.self).split(separator: ",", omittingEmptySubsequences: false)
                        .map { $0.trimmingCharacters(in: .whitespaces) })
                }
                current = nil
            default: current?.append(byte)
            }
        }
        guard lines.count >= 2 else { throw .malformed("expected 3 framed lines, got \(lines.count)") }
        let a = lines[0], b = lines[1]
        guard a.count >= 12 else { throw .malformed("first line has \(a.count) fields, expected 12") }
        guard b.count >= 11 else { throw .malformed("second line has \(b.count) fields, expected 11") }
        func flag(_ field: String, _ name: String) throws(ParseError) -> Bool {
            switch field {
            case "0": return false
            case "1": return true
            default: throw .malformed("\(name) flag '\(field)'")
            }
        }
        func number(_ field: String, _ name: String) throws(ParseError) -> Int {
            guard let n = Int(field), n >= 0 else { throw .malformed("\(name) '\(field)'") }
            return n
        }
        return ZPLHostStatus(
            paperOut: try flag(a[1], "paper out"), paused: try flag(a[2], "pause"),
            headOpen: try flag(b[2], "head up"), ribbonOut: try flag(b[3], "ribbon out"),
            thermalTransfer: try flag(b[4], "thermal transfer"), bufferFull: try flag(a[5], "buffer full"),
            corruptRAM: try flag(a[9], "corrupt RAM"), underTemperature: try flag(a[10], "under temperature"),
            overTemperature: try flag(a[11], "over temperature"), labelWaiting: try flag(b[7], "label waiting"),
            formatsInBuffer: try number(a[4], "formats in buffer"), labelsRemaining: try number(b[8], "labels remaining"),
            labelLength: try number(a[3], "label length"))
    }
}

/// A printer's status reply that cannot be read (truncated, garbled, another printer's language).
public enum PrinterStatusError: Error, Equatable, Sendable, CustomStringConvertible {
    case malformed(String)

    public var description: String {
        switch self {
        case let .malformed(detail): return "unreadable printer status: \(LabelOptionError.shown(detail))"
        }
    }
}

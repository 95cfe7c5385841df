import Foundation
import Printing

/// Where a badge goes (SPEC §12), parsed from `--printer` or the config's `printer =`:
///
/// | address | meaning |
/// |---|---|
/// | `pdf:DIR` | a PDF file per badge in DIR |
/// | `cups:QUEUE` (or a bare `QUEUE`, as before) | the PDF through `lp -d QUEUE` |
/// | `zpl://HOST[:PORT]` | ZPL II over raw TCP (port 9100 by default) |
/// | `brother-ql://HOST[:PORT]?model=M&label=L` | Brother QL raster over raw TCP |
/// | `file:/dev/usb/lp0?lang=zpl\|brother-ql` | a device file (USB printer class) |
/// | `cups-raw:QUEUE?lang=zpl\|brother-ql` | printer language through `lp -o raw` |
///
/// Parsing is pure and every refusal is one line that says what to write instead.
public enum PrinterAddress: Sendable, Hashable, CustomStringConvertible {
    case pdf(directory: String)
    case cups(queue: String)
    case zpl(host: String, port: Int, options: [String: String])
    case brotherQL(host: String, port: Int, options: [String: String])
    case device(path: String, language: PrinterLanguage, options: [String: String])
    case cupsRaw(queue: String, language: PrinterLanguage, options: [String: String])

    public static let rawPort = 9100

    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        public let address: String
        public let message: String
        public var description: String { "printer address '\(address)': \(message)" }
    }

    /// Parses an address; a bare name without a scheme is a CUPS queue (what `printer =` meant
    /// before addresses existed).
    public static func parse(_ text: String) throws -> PrinterAddress {
        let shown = String(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.prefix(120).map(Character.init))
        func fail(_ message: String) -> ParseError { ParseError(address: shown, message: message) }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw fail("empty") }
        guard trimmed.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) else {
            throw fail("contains control characters")
        }
        guard let colon = trimmed.firstIndex(of: ":") else {
            try checkQueue(trimmed, fail)
            return .cups(queue: trimmed)
        }
        let scheme = trimmed[..<colon].lowercased()
        let rest = String(trimmed[trimmed.index(after: colon)...])
        switch scheme {
        case "pdf":
            guard !rest.isEmpty else { throw fail("pdf: needs a folder, e.g. pdf:/var/badges") }
            return .pdf(directory: rest)
        case "cups":
            try checkQueue(rest, fail)
            return .cups(queue: rest)
        case "zpl", "brother-ql":
            guard rest.hasPrefix("//") else { throw fail("write \(scheme)://HOST[:PORT]") }
            let (authority, options) = try splitQuery(String(rest.dropFirst(2)), fail)
            let (host, port) = try hostPort(authority, fail)
            if scheme == "zpl" {
                try validate(.zpl, options, fail)
                return .zpl(host: host, port: port, options: options)
            }
            guard options["model"] != nil, options["label"] != nil else {
                throw fail("brother-ql needs ?model=…&label=…, e.g. brother-ql://\(host)?model=QL-820NWB&label=62x100")
            }
            try validate(.brotherQL, options, fail)
            return .brotherQL(host: host, port: port, options: options)
        case "file":
            let (path, options) = try splitQuery(rest, fail)
            guard path.hasPrefix("/") else { throw fail("file: needs an absolute device path, e.g. file:/dev/usb/lp0?lang=zpl") }
            let language = try languageOption(options, fail)
            try validate(language, options, fail)
            return .device(path: path, language: language, options: options)
        case "cups-raw":
            let (queue, options) = try splitQuery(rest, fail)
            try checkQueue(queue, fail)
            let language = try languageOption(options, fail)
            try validate(language, options, fail)
            return .cupsRaw(queue: queue, language: language, options: options)
        default:
            if scheme.contains("/") || scheme.isEmpty { throw fail("not an address (pdf:, cups:, zpl://, brother-ql://, file:, cups-raw:)") }
            throw fail("unknown kind '\(scheme):' (known: pdf:, cups:, zpl://, brother-ql://, file:, cups-raw:)")
        }
    }

    /// The language of a label printer (nil: a PDF destination).
    public var language: PrinterLanguage? {
        switch self {
        case .pdf, .cups: return nil
        case .zpl: return .zpl
        case .brotherQL: return .brotherQL
        case let .device(_, language, _), let .cupsRaw(_, language, _): return language
        }
    }

    /// The `?key=value` options (model, label, darkness, speed).
    public var options: [String: String] {
        switch self {
        case .pdf, .cups: return [:]
        case let .zpl(_, _, o), let .brotherQL(_, _, o), let .device(_, _, o), let .cupsRaw(_, _, o): return o
        }
    }

    /// The canonical spelling (what the queue records as the job's printer).
    public var description: String {
        func query(_ o: [String: String]) -> String {
            o.isEmpty ? "" : "?" + o.keys.sorted().map { "\($0)=\(o[$0] ?? "")" }.joined(separator: "&")
        }
        func port(_ p: Int) -> String { p == Self.rawPort ? "" : ":\(p)" }
        func host(_ h: String) -> String { h.contains(":") ? "[\(h)]" : h }
        switch self {
        case let .pdf(directory): return "pdf:\(directory)"
        case let .cups(queue): return "cups:\(queue)"
        case let .zpl(h, p, o): return "zpl://\(host(h))\(port(p))\(query(o))"
        case let .brotherQL(h, p, o): return "brother-ql://\(host(h))\(port(p))\(query(o))"
        case let .device(path, _, o): return "file:\(path)\(query(o))"
        case let .cupsRaw(queue, _, o): return "cups-raw:\(queue)\(query(o))"
        }
    }

    /// A short name for the desk: `Zebra at 10.0.0.5`, `queue Front_Desk`, `folder /tmp/b`.
    public var displayName: String {
        switch self {
        case let .pdf(directory): return "folder \(directory)"
        case let .cups(queue): return queue
        case let .zpl(h, p, _): return "ZPL printer \(h)\(p == Self.rawPort ? "" : ":\(p)")"
        case let .brotherQL(h, p, _): return "Brother QL \(h)\(p == Self.rawPort ? "" : ":\(p)")"
        case let .device(path, _, _): return path
        case let .cupsRaw(queue, _, _): return queue
        }
    }

    // MARK: Parsing helpers

    private static func checkQueue(_ queue: String, _ fail: (String) -> ParseError) throws {
        guard !queue.isEmpty else { throw fail("needs a CUPS queue name") }
        guard !queue.hasPrefix("-"), !queue.contains("/"), !queue.contains(" "), !queue.contains("?") else {
            throw fail("'\(queue)' is not a CUPS queue name (no spaces, '/', '?' or leading '-')")
        }
    }

    private static func splitQuery(_ text: String, _ fail: (String) -> ParseError) throws -> (String, [String: String]) {
        guard let q = text.firstIndex(of: "?") else { return (text, [:]) }
        var options: [String: String] = [:]
        for pair in text[text.index(after: q)...].split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { throw fail("'\(pair)' is not key=value") }
            let key = parts[0].lowercased()
            guard options[key] == nil else { throw fail("\(key) given twice") }
            options[key] = String(parts[1]).removingPercentEncoding ?? String(parts[1])
        }
        return (String(text[..<q]), options)
    }

    private static func hostPort(_ authority: String, _ fail: (String) -> ParseError) throws -> (String, Int) {
        var host = authority
        var portText: String?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw fail("unclosed '[' in the host") }
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { portText = String(after.dropFirst()) } else if !after.isEmpty { throw fail("text after ']'") }
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            portText = String(authority[authority.index(after: colon)...])
        }
        if host.hasSuffix("/") { host.removeLast() }
        guard !host.isEmpty else { throw fail("needs a host, e.g. zpl://192.168.1.50") }
        guard !host.contains("/"), !host.contains("@") else { throw fail("'\(host)' is not a host name or address") }
        var port = rawPort
        if var p = portText {
            if p.hasSuffix("/") { p.removeLast() }
            guard let n = Int(p), (1...65535).contains(n) else { throw fail("port '\(p)' is not 1 to 65535") }
            port = n
        }
        return (host, port)
    }

    private static func languageOption(_ options: [String: String], _ fail: (String) -> ParseError) throws -> PrinterLanguage {
        guard let text = options["lang"] else { throw fail("needs ?lang=zpl or ?lang=brother-ql") }
        guard let language = PrinterLanguage(parameter: text) else { throw fail("lang '\(text)' is not zpl or brother-ql") }
        if language == .brotherQL, options["model"] == nil || options["label"] == nil {
            throw fail("lang=brother-ql needs &model=…&label=…, e.g. &model=QL-820NWB&label=62x100")
        }
        return language
    }

    /// The printer options as the encoders read them (`ZPLOptions`, `BrotherQLOptions`).
    public var optionsQuery: String {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~:"))
        return options.keys.sorted().map { key in
            "\(key)=\(options[key]?.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
    }

    /// The options checked by the encoders' own parser (`LabelLanguage.parse`), so a bad model, label or darkness is
    /// refused when the address is read, not when the first badge prints.
    private static func validate(_ language: PrinterLanguage, _ options: [String: String],
                                 _ fail: (String) -> ParseError) throws {
        let query = PrinterAddress.zpl(host: "", port: rawPort, options: options).optionsQuery
        do {
            _ = try LabelLanguage.parse(lang: language.rawValue, query: query)
        } catch {
            throw fail(error.description)
        }
    }
}

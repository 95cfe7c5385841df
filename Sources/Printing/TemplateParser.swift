import BadgeCore
import Foundation

/// Parses the badge template text format (TEMPLATE_FORMAT.md) into a `BadgeLayout`.
/// Every error names its 1-based line number: `template line 7: unknown field 'nmae' …`.
public enum TemplateParser {
    public static func parse(_ text: String) throws -> BadgeLayout {
        var state = ParserState()
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let lines = body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        for (index, line) in lines.enumerated() {
            state.line = index + 1
            let tokens = try TemplateTokenizer.tokens(line, lineNumber: state.line)
            guard let first = tokens.first else { continue }
            guard first.key == nil, !first.quoted else { throw state.error("expected a directive, found '\(first.text)'") }
            let args = Array(tokens.dropFirst())
            switch first.text.lowercased() {
            case "name":
                guard !args.isEmpty, args.allSatisfy({ $0.key == nil }) else { throw state.error("'name' needs a template name") }
                state.layout.name = args.map(\.text).joined(separator: " ")
            case "tickets": state.layout.ticketNames = try ticketNames(line, state: state)
            case "vip": state.layout.isVIPVariant = try state.flag(args)
            case "size": try state.parseSize(args)
            case "orientation":
                try state.headerAllowed("orientation")
                state.orientation = try state.orientation(state.single(args, "orientation").text)
            case "units":
                try state.headerAllowed("units")
                state.units = try state.unit(state.single(args, "units").text)
            case "field": try state.addField(args)
            case "text": try state.addText(args)
            case "qr", "barcode": try state.addQR(args)
            case "rect": try state.addRect(args)
            default:
                throw state.error("unknown directive '\(first.text)' (expected name, tickets, vip, size, orientation, units, field, text, qr, rect)")
            }
        }
        guard state.size != nil else {
            throw PrintingError.template(line: 1, message: "missing 'size' line (for example: size 4x3in)")
        }
        return state.finished()
    }

    /// `tickets A, B C` → ["A", "B C"] (commas separate; quotes optional).
    private static func ticketNames(_ line: Substring, state: ParserState) throws -> [String] {
        var rest = line.drop { $0 == " " || $0 == "\t" }.dropFirst("tickets".count)
        if let hash = rest.range(of: " #") { rest = rest[..<hash.lowerBound] }
        let names = rest.split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespacesAndNewlines).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }.filter { !$0.isEmpty }
        guard !names.isEmpty else { throw state.error("'tickets' needs at least one ticket name") }
        return names
    }
}

extension TemplateParser {
    /// Validates `text` and builds the stored template, taking name, ticket names and the VIP
    /// flag from the file's `name`/`tickets`/`vip` lines (`fallbackName` when it has no `name`).
    public static func template(from text: String, eventId: Int64, fallbackName: String) throws -> BadgeTemplate {
        let layout = try parse(text)
        return BadgeTemplate(eventId: eventId, name: layout.name ?? fallbackName, ticketNames: layout.ticketNames,
                             isVIPVariant: layout.isVIPVariant, layout: text)
    }
}

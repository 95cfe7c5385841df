import Foundation

/// Mutable state of one template parse: page size and units, then elements line by line.
struct ParserState {
    enum Orientation { case portrait, landscape }

    var line = 0
    var layout = BadgeLayout(width: 0, height: 0)
    /// Natural (width, height) in points as written on the size line.
    var size: (width: Double, height: Double)?
    var orientation: Orientation?
    /// Points per unitless number.
    var units: Double?
    var sizeUnits = 72.0
    var elementsStarted = false

    static let unitPoints: [String: Double] = ["pt": 1, "in": 72, "mm": 72 / 25.4, "cm": 72 / 2.54]
    static let namedSizes: [String: (Double, Double, String)] = [
        "a4": (210, 297, "mm"), "a5": (148, 210, "mm"), "a6": (105, 148, "mm"), "a7": (74, 105, "mm"),
        "cr80": (85.6, 53.98, "mm"), "letter": (8.5, 11, "in"),
    ]
    /// Each side of the badge, in points: from a quarter inch to 200 in (the largest page PDF allows).
    static let pageSides: ClosedRange<Double> = 18...14_400
    /// Font sizes in points (`size=`, `min=`).
    static let fontSizes: ClosedRange<Double> = 2...500
    /// Stroke widths in points (`line=`).
    static let lineWidths: ClosedRange<Double> = 0...72

    func error(_ message: String) -> PrintingError { .template(line: line, message: message) }

    func finished() -> BadgeLayout { layout }

    func single(_ args: [TemplateToken], _ directive: String) throws -> TemplateToken {
        guard args.count == 1, args[0].key == nil else { throw error("'\(directive)' takes exactly one value") }
        return args[0]
    }

    func flag(_ args: [TemplateToken]) throws -> Bool {
        guard let value = args.first else { return true }
        guard args.count == 1 else { throw error("'vip' takes at most one value (yes or no)") }
        switch value.text.lowercased() {
        case "yes", "true", "on": return true
        case "no", "false", "off": return false
        default: throw error("expected yes or no, found '\(value.text)'")
        }
    }

    func headerAllowed(_ directive: String) throws {
        if elementsStarted { throw error("'\(directive)' must come before the first field, text, qr or rect line") }
    }

    func orientation(_ word: String) throws -> Orientation {
        switch word.lowercased() {
        case "portrait": return .portrait
        case "landscape": return .landscape
        default: throw error("orientation must be portrait or landscape, found '\(word)'")
        }
    }

    func unit(_ word: String) throws -> Double {
        guard let points = Self.unitPoints[word.lowercased()] else {
            throw error("unknown unit '\(word)' (expected in, mm, cm or pt)")
        }
        return points
    }

    mutating func parseSize(_ args: [TemplateToken]) throws {
        try headerAllowed("size")
        guard size == nil else { throw error("duplicate 'size' line") }
        var words: [String] = []
        for arg in args {
            if let o = try? orientation(arg.text) { orientation = o } else { words.append(arg.text.lowercased()) }
        }
        let spec = words.joined()
        guard !spec.isEmpty else { throw error("'size' needs dimensions, e.g. size 4x3in, size A6, size 62x100mm") }
        if let named = Self.namedSizes[spec] {
            let scale = Self.unitPoints[named.2]!
            size = (named.0 * scale, named.1 * scale)
            sizeUnits = scale
            return
        }
        let unitName = Self.unitPoints.keys.first { spec.hasSuffix($0) }
        let numbers = spec.dropLast(unitName?.count ?? 0).split(separator: "x", omittingEmptySubsequences: false)
        guard numbers.count == 2, let w = Double(numbers[0]), let h = Double(numbers[1]), w > 0, h > 0,
              w.isFinite, h.isFinite else {
            throw error("cannot read size '\(Self.shown(spec))' (expected WIDTHxHEIGHT with a unit, e.g. 4x3in, or A4–A7, CR80, letter)")
        }
        guard let unitName, let scale = Self.unitPoints[unitName] else {
            throw error("size '\(Self.shown(spec))' needs a unit: in, mm, cm or pt (e.g. \(Self.shown(spec))mm)")
        }
        let points = (w * scale, h * scale)
        guard Self.pageSides.contains(points.0), Self.pageSides.contains(points.1) else {
            throw error("size '\(Self.shown(spec))' is out of range: each side must be between 0.25 in (6.35 mm) and 200 in (5080 mm)")
        }
        sizeUnits = scale
        size = points
    }

    /// A user's token quoted in an error: at most 40 characters, so the message stays one short line.
    static func shown(_ text: String) -> String {
        text.count <= 40 ? text : String(text.prefix(39)) + "…"
    }

    /// A number in an error message: one decimal, or scientific notation when it is huge.
    static func shown(_ value: Double) -> String {
        abs(value) < 1e7 ? String(format: "%.1f", value) : String(format: "%.3g", value)
    }

    /// Fixes the page size on the first element; later size/orientation/units lines are errors.
    mutating func startElements() throws {
        guard !elementsStarted else { return }
        guard let size else { throw error("the 'size' line must come before the first element") }
        elementsStarted = true
        var (w, h) = size
        switch orientation {
        case .landscape?: if w < h { swap(&w, &h) }
        case .portrait?: if w > h { swap(&w, &h) }
        case nil: break
        }
        layout.width = w
        layout.height = h
        if units == nil { units = sizeUnits }
    }

    /// A length: a number with an optional unit suffix (in, mm, cm, pt); bare numbers use `units`.
    func length(_ token: TemplateToken) throws -> Double {
        let text = token.text.lowercased()
        let unitName = Self.unitPoints.keys.first { text.hasSuffix($0) }
        let number = text.dropLast(unitName?.count ?? 0)
        let scale = unitName.flatMap { Self.unitPoints[$0] } ?? units ?? sizeUnits
        // Finite before and after the unit: 1e308in would overflow to infinity in points.
        guard let value = Double(number), value.isFinite, (value * scale).isFinite else {
            throw error("'\(token.key ?? "")' must be a length like 1.5, 12mm or 0.5in, found '\(Self.shown(token.text))'")
        }
        return value * scale
    }

    func points(_ token: TemplateToken, range: ClosedRange<Double>) throws -> Double {
        let text = token.text.lowercased()
        guard let value = Double(text.hasSuffix("pt") ? String(text.dropLast(2)) : text), range.contains(value) else {
            throw error("'\(token.key ?? "")' must be a font size in points between \(String(format: "%g", range.lowerBound)) and \(String(format: "%g", range.upperBound)), found '\(Self.shown(token.text))'")
        }
        return value
    }

    /// A stroke width: a length between 0 and 1 in.
    func lineWidth(_ token: TemplateToken) throws -> Double {
        let value = try length(token)
        guard Self.lineWidths.contains(value) else {
            throw error("'\(token.key ?? "line")' must be a line width between 0 and 72 pt (1 in), found '\(Self.shown(token.text))'")
        }
        return value
    }

    func color(_ token: TemplateToken) throws -> BadgeColor {
        let named: [String: BadgeColor] = ["black": .black, "white": .white]
        if let c = named[token.text.lowercased()] { return c }
        var hex = token.text
        if hex.hasPrefix("#") { hex.removeFirst() }
        guard hex.count == 6, hex.allSatisfy(\.isHexDigit), let value = Int(hex, radix: 16) else {
            throw error("'\(token.key ?? "")' must be a colour like #1A2B3C, black or white, found '\(Self.shown(token.text))'")
        }
        return BadgeColor(red: Double(value >> 16 & 0xFF) / 255, green: Double(value >> 8 & 0xFF) / 255,
                          blue: Double(value & 0xFF) / 255)
    }

    /// Splits `key=value` options from bare flags and rejects unknown or repeated keys.
    func options(_ args: [TemplateToken], keys: Set<String>, flags: Set<String>) throws -> (values: [String: TemplateToken], flags: Set<String>) {
        var values: [String: TemplateToken] = [:]
        var seenFlags: Set<String> = []
        for arg in args {
            if let key = arg.key?.lowercased() {
                guard keys.contains(key) else {
                    throw error("unknown option '\(key)' (expected \(keys.sorted().joined(separator: ", ")))")
                }
                guard values[key] == nil else { throw error("option '\(key)' given twice") }
                values[key] = arg
            } else {
                let word = arg.text.lowercased()
                guard flags.contains(word), !arg.quoted else {
                    throw error("unexpected '\(arg.text)' (options are written key=value\(flags.isEmpty ? "" : "; flags: " + flags.sorted().joined(separator: ", ")))")
                }
                seenFlags.insert(word)
            }
        }
        return (values, seenFlags)
    }

    /// The x/y/w/h box, required and inside the badge.
    func box(_ values: [String: TemplateToken], keys: [String] = ["x", "y", "w", "h"]) throws -> BadgeBox {
        var numbers: [Double] = []
        for key in keys {
            guard let token = values[key] else { throw error("missing '\(key)=' (every element needs x, y, w and h)") }
            numbers.append(try length(token))
        }
        let box = BadgeBox(x: numbers[0], y: numbers[1], width: numbers[2], height: numbers[3])
        guard box.width > 0, box.height > 0 else { throw error("width and height must be greater than zero") }
        let tolerance = 0.5
        // `x + w` of two huge finite numbers is infinite, which fails the comparison: still an error.
        guard box.x >= -tolerance, box.y >= -tolerance, box.x + box.width <= layout.width + tolerance,
              box.y + box.height <= layout.height + tolerance else {
            let shown = [box.x, box.y, box.width, box.height, layout.width, layout.height].map(Self.shown)
            throw error("element (\(shown[0]), \(shown[1]), \(shown[2]) × \(shown[3]) pt) extends beyond the \(shown[4]) × \(shown[5]) pt badge")
        }
        return box
    }
}

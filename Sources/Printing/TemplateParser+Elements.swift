/// The element lines: `field`, `text`, `qr`/`barcode` and `rect`.
extension ParserState {
    static let textKeys: Set<String> = ["x", "y", "w", "h", "size", "min", "weight", "align", "valign", "lines",
                                        "color", "fill", "text", "case"]
    static let textFlags: Set<String> = ["bold", "regular", "left", "center", "right", "upper"]

    mutating func addField(_ args: [TemplateToken]) throws {
        guard let first = args.first, first.key == nil, !first.quoted else {
            throw error("'field' needs a field name: \(AttendeeField.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let field = AttendeeField(rawValue: first.text.lowercased()) else {
            throw error("unknown field '\(first.text)' (expected \(AttendeeField.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        try addTextElement(.field(field), args: Array(args.dropFirst()))
    }

    mutating func addText(_ args: [TemplateToken]) throws {
        guard let first = args.first, first.key == nil, first.quoted else {
            throw error("'text' needs quoted text first, e.g. text \"Hello {first_name}\" x=… y=… w=… h=…")
        }
        var rest = first.text
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { throw error("unclosed '{' in text") }
            let name = String(rest[rest.index(after: open)..<close])
            guard AttendeeField(rawValue: name) != nil else {
                throw error("unknown placeholder '{\(name)}' (expected \(AttendeeField.allCases.map { "{\($0.rawValue)}" }.joined(separator: ", ")))")
            }
            rest = String(rest[rest.index(after: close)...])
        }
        try addTextElement(.literal(first.text), args: Array(args.dropFirst()))
    }

    private mutating func addTextElement(_ content: TextElement.Content, args: [TemplateToken]) throws {
        try startElements()
        let (values, flags) = try options(args, keys: Self.textKeys, flags: Self.textFlags)
        let box = try box(values)
        var element = TextElement(content: content, box: box)
        if let size = values["size"] { element.fontSize = try points(size, range: Self.fontSizes) }
        element.minFontSize = min(element.fontSize, max(6, element.fontSize / 2))
        if let minSize = values["min"] {
            element.minFontSize = try points(minSize, range: Self.fontSizes)
            guard element.minFontSize <= element.fontSize else { throw error("'min' must not exceed 'size'") }
        }
        if let weight = values["weight"] {
            guard let w = FontWeight(rawValue: weight.text.lowercased()) else {
                throw error("weight must be regular or bold, found '\(weight.text)'")
            }
            element.weight = w
        }
        if flags.contains("bold") { element.weight = .bold }
        if let align = values["align"] {
            guard let a = HorizontalAlignment(rawValue: align.text.lowercased()) else {
                throw error("align must be left, center or right, found '\(align.text)'")
            }
            element.align = a
        }
        for a in HorizontalAlignment.allCases where flags.contains(a.rawValue) { element.align = a }
        if let valign = values["valign"] {
            guard let v = VerticalAlignment(rawValue: valign.text.lowercased()) else {
                throw error("valign must be top, middle or bottom, found '\(valign.text)'")
            }
            element.verticalAlign = v
        }
        if let lines = values["lines"] {
            guard let n = Int(lines.text), (1...3).contains(n) else { throw error("lines must be 1, 2 or 3, found '\(Self.shown(lines.text))'") }
            element.maxLines = n
        }
        if let color = values["color"] { element.color = try self.color(color) }
        if let fill = values["fill"] { element.fill = try self.color(fill) }
        if let textCase = values["case"] {
            guard ["upper", "as-is"].contains(textCase.text.lowercased()) else {
                throw error("case must be upper or as-is, found '\(textCase.text)'")
            }
            element.uppercase = textCase.text.lowercased() == "upper"
        }
        if flags.contains("upper") { element.uppercase = true }
        if let ribbon = values["text"] {
            guard content == .field(.vipRibbon) else { throw error("'text=' only applies to field vip_ribbon") }
            element.ribbonText = ribbon.text
        }
        layout.elements.append(.text(element))
    }

    mutating func addQR(_ args: [TemplateToken]) throws {
        try startElements()
        let (values, _) = try options(args, keys: ["x", "y", "w", "h", "size", "color"], flags: [])
        var values2 = values
        if let side = values["size"] {
            guard values["w"] == nil, values["h"] == nil else { throw error("give either size= or w= and h= for a qr") }
            values2["w"] = side
            values2["h"] = side
        }
        var element = QRElement(box: try box(values2))
        if let color = values["color"] { element.color = try self.color(color) }
        layout.elements.append(.qr(element))
    }

    mutating func addRect(_ args: [TemplateToken]) throws {
        try startElements()
        let (values, flags) = try options(args, keys: ["x", "y", "w", "h", "fill", "stroke", "line"], flags: ["vip"])
        var element = RectElement(box: try box(values), vipOnly: flags.contains("vip"))
        if let fill = values["fill"] { element.fill = try color(fill) }
        if let stroke = values["stroke"] { element.stroke = try color(stroke) }
        if let line = values["line"] { element.lineWidth = try lineWidth(line) }
        if element.fill == nil, element.stroke == nil { element.stroke = .black }
        layout.elements.append(.rect(element))
    }
}

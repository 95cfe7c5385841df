/// Fits text into a box: the largest size up to the element's font size that fits on one line;
/// below `minFontSize`, wrap at spaces (or between characters for text without spaces, e.g. CJK)
/// onto up to `maxLines` lines at the largest size that fits; if even that fails, the last line
/// is cut and ends with "…".
struct TextFitter {
    let chain: [TrueTypeFont]
    /// Line advance as a multiple of the font size.
    static let lineSpacing = 1.15

    struct Fitted: Equatable {
        var size: Double
        /// Lines in logical order.
        var lines: [String]
    }

    /// Height of one line's ink box (ascent − descent) per point of font size.
    var emHeight: Double {
        guard let font = chain.first else { return 1.2 }
        return Double(font.ascent - font.descent) / Double(font.unitsPerEm)
    }

    func width(_ text: String, size: Double) -> Double { TextShaper.width(text, chain: chain, size: size) }

    func blockHeight(lines: Int, size: Double) -> Double {
        (Double(lines - 1) * Self.lineSpacing + emHeight) * size
    }

    func fit(_ text: String, element: TextElement) -> Fitted {
        let box = element.box
        let unitWidth = width(text, size: 1)
        let heightLimit = box.height / blockHeight(lines: 1, size: 1)
        var size = min(element.fontSize, heightLimit)
        if unitWidth > 0 { size = min(size, box.width / unitWidth) }
        size = (size * 10).rounded(.down) / 10
        if size >= element.minFontSize || unitWidth == 0 { return Fitted(size: size, lines: [text]) }

        if element.maxLines > 1 {
            for lines in 2...element.maxLines {
                var candidate = min(element.fontSize, box.height / blockHeight(lines: lines, size: 1))
                candidate = (candidate * 2).rounded(.down) / 2
                while candidate >= element.minFontSize {
                    if let wrapped = wrap(text, width: box.width, size: candidate), wrapped.count <= lines {
                        return Fitted(size: candidate, lines: wrapped)
                    }
                    candidate -= 0.5
                }
            }
            let smallest = min(element.minFontSize, box.height / blockHeight(lines: element.maxLines, size: 1))
            var lines = wrap(text, width: box.width, size: smallest, allowOverflow: true) ?? [text]
            if lines.count > element.maxLines {
                let rest = lines[(element.maxLines - 1)...].joined(separator: " ")
                lines = Array(lines.prefix(element.maxLines - 1)) + [truncate(rest, width: box.width, size: smallest)]
            }
            return Fitted(size: smallest, lines: lines)
        }
        let smallest = min(element.minFontSize, heightLimit)
        return Fitted(size: smallest, lines: [truncate(text, width: box.width, size: smallest)])
    }

    /// Greedy word wrap; words wider than a line break between characters. Returns nil when a
    /// single character does not fit (unless `allowOverflow`).
    func wrap(_ text: String, width maxWidth: Double, size: Double, allowOverflow: Bool = false) -> [String]? {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ").map(String.init) {
            let candidate = current.isEmpty ? word : current + " " + word
            if width(candidate, size: size) <= maxWidth {
                current = candidate
                continue
            }
            if !current.isEmpty { lines.append(current); current = "" }
            if width(word, size: size) <= maxWidth { current = word; continue }
            for character in word {
                let next = current + String(character)
                if width(next, size: size) <= maxWidth || current.isEmpty {
                    if current.isEmpty, width(next, size: size) > maxWidth, !allowOverflow { return nil }
                    current = next
                } else {
                    lines.append(current)
                    current = String(character)
                }
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// The longest prefix of `text` that fits with a trailing "…".
    func truncate(_ text: String, width maxWidth: Double, size: Double) -> String {
        if width(text, size: size) <= maxWidth { return text }
        var characters = Array(text)
        while !characters.isEmpty {
            characters.removeLast()
            let candidate = String(characters).trimmingSuffixSpaces() + "…"
            if width(candidate, size: size) <= maxWidth { return candidate }
        }
        return "…"
    }
}

extension String {
    func trimmingSuffixSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}

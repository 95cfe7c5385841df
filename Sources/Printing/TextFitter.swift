/// Fits text into a box: the largest size up to the element's font size that fits on one line;
/// below `minFontSize`, wrap at spaces (or between characters for text without spaces, e.g. CJK)
/// onto up to `maxLines` lines at the largest size that fits; if even that fails, the last line
/// is cut and ends with "…".
///
/// Linear and bounded: the text is first cut to what could ever be drawn (`MeasuredText`), each
/// character is measured once, and every width after that is a difference of prefix sums — a
/// 100 000-character name costs what its first few dozen characters cost.
struct TextFitter {
    let chain: [TrueTypeFont]
    /// Line advance as a multiple of the font size.
    static let lineSpacing = 1.15
    /// Sizes the fitter works with, whatever a hand-built `TextElement` says (the template parser
    /// allows 2–500 pt); bounds the shrinking loops.
    static let sizeRange: ClosedRange<Double> = 0.5...1_000
    /// Most lines an element wraps to (the template allows 1–3).
    static let lineRange: ClosedRange<Int> = 1...3

    struct Fitted: Equatable {
        var size: Double
        /// Lines in logical order.
        var lines: [String]
    }

    /// Height of one line's ink box (ascent − descent) per point of font size.
    var emHeight: Double {
        guard let font = chain.first, font.ascent > font.descent else { return 1.2 }
        return Double(font.ascent - font.descent) / Double(font.unitsPerEm)
    }

    func width(_ text: String, size: Double) -> Double { TextShaper.width(text, chain: chain, size: size) }

    func blockHeight(lines: Int, size: Double) -> Double {
        (Double(lines - 1) * Self.lineSpacing + emHeight) * size
    }

    func fit(_ text: String, element: TextElement) -> Fitted {
        let box = element.box
        guard box.width > 0, box.height > 0, box.width.isFinite, box.height.isFinite else {
            return Fitted(size: Self.sizeRange.lowerBound, lines: [])
        }
        let maxLines = Self.lineRange.clamp(element.maxLines)
        let fontSize = Self.sizeRange.clamp(element.fontSize)
        let minSize = Swift.min(fontSize, Self.sizeRange.clamp(element.minFontSize))
        let heightLimit = box.height / blockHeight(lines: 1, size: 1)
        // The smallest size anything is drawn at, and so the most text that can ever show.
        let smallest = Self.sizeRange.clamp(Swift.min(minSize, box.height / blockHeight(lines: maxLines, size: 1)))
        let measured = MeasuredText(text, chain: chain,
                                    widthLimit: Double(maxLines) * (box.width / smallest + 2))
        let unitWidth = measured.total

        if !measured.wasCut {
            var size = Swift.min(fontSize, heightLimit)
            if unitWidth > 0 { size = Swift.min(size, box.width / unitWidth) }
            size = (size * 10).rounded(.down) / 10
            if size >= minSize || unitWidth == 0 { return Fitted(size: size, lines: [measured.string]) }

            if maxLines > 1 {
                for lines in 2...maxLines {
                    var candidate = Swift.min(fontSize, box.height / blockHeight(lines: lines, size: 1))
                    // All but the spaces at line breaks must fit into `lines` widths of the box.
                    let drawn = unitWidth - Double(lines - 1) * measured.spaceAdvance
                    if drawn > 0 { candidate = Swift.min(candidate, Double(lines) * box.width / drawn) }
                    candidate = (candidate * 2).rounded(.down) / 2
                    while candidate >= minSize {
                        if let wrapped = wrap(measured, width: box.width, size: candidate), wrapped.count <= lines {
                            return Fitted(size: candidate, lines: wrapped.map(measured.string))
                        }
                        candidate -= 0.5
                    }
                }
            }
        }
        // Nothing fits (or the text was cut): draw at the smallest size, the last line cut with "…".
        let all = 0..<measured.count
        guard maxLines > 1 else {
            return Fitted(size: smallest, lines: [truncate(measured, all, width: box.width, size: smallest)])
        }
        var lines = wrap(measured, width: box.width, size: smallest, allowOverflow: true) ?? [all]
        if lines.count > maxLines || measured.wasCut, let last = lines.prefix(maxLines).last {
            let rest = last.lowerBound..<measured.count
            lines = Array(lines.prefix(maxLines - 1)) + [rest]
            let kept = Array(lines.dropLast().map(measured.string))
            return Fitted(size: smallest, lines: kept + [truncate(measured, rest, width: box.width, size: smallest)])
        }
        return Fitted(size: smallest, lines: lines.map(measured.string))
    }

    /// Greedy word wrap; words wider than a line break between characters. Returns nil when a
    /// single character does not fit (unless `allowOverflow`).
    func wrap(_ text: String, width maxWidth: Double, size: Double, allowOverflow: Bool = false) -> [String]? {
        let measured = MeasuredText(text, chain: chain, widthLimit: nil)
        return wrap(measured, width: maxWidth, size: size, allowOverflow: allowOverflow)?.map(measured.string)
    }

    /// Lines as character ranges of `text` (spaces at line breaks dropped).
    func wrap(_ text: MeasuredText, width maxWidth: Double, size: Double, allowOverflow: Bool = false) -> [Range<Int>]? {
        var lines: [Range<Int>] = []
        var start: Int?
        var end = 0
        func fits(_ range: Range<Int>) -> Bool { text.width(range, size: size) <= maxWidth }
        for word in text.words() {
            if let s = start, fits(s..<word.upperBound) {
                end = word.upperBound
                continue
            }
            if let s = start { lines.append(s..<end); start = nil }
            if fits(word) { start = word.lowerBound; end = word.upperBound; continue }
            for index in word {
                if let s = start, fits(s..<index + 1) {
                    end = index + 1
                    continue
                }
                if let s = start { lines.append(s..<end) }
                if !allowOverflow, !fits(index..<index + 1) { return nil }
                start = index
                end = index + 1
            }
        }
        if let s = start { lines.append(s..<end) }
        return lines
    }

    /// The longest prefix of `text` that fits with a trailing "…".
    func truncate(_ text: String, width maxWidth: Double, size: Double) -> String {
        let measured = MeasuredText(text, chain: chain, widthLimit: nil)
        return truncate(measured, 0..<measured.count, width: maxWidth, size: size)
    }

    /// `range` of `text` when it fits (and nothing after it was cut), otherwise its longest
    /// prefix that fits followed by "…".
    func truncate(_ text: MeasuredText, _ range: Range<Int>, width maxWidth: Double, size: Double) -> String {
        let complete = range.upperBound == text.count && !text.wasCut
        if complete, text.width(range, size: size) <= maxWidth { return text.string(range) }
        let ellipsis = width("…", size: size)
        var end = range.upperBound
        while end > range.lowerBound, text.width(range.lowerBound..<end, size: size) + ellipsis > maxWidth { end -= 1 }
        while end > range.lowerBound, text.characters[end - 1] == " " { end -= 1 }
        return text.string(range.lowerBound..<end) + "…"
    }
}

/// Text with each character's advance measured once (at size 1), cut at `widthLimit`: characters
/// past the point where even the smallest size fills every line are never drawn, so they are never
/// measured either. Widths of ranges are prefix-sum differences (O(1)).
struct MeasuredText {
    private(set) var characters: [Character] = []
    /// prefix[i] = advance of characters[0..<i] at size 1.
    private var prefix: [Double] = [0]
    /// True when characters after `characters` were dropped.
    private(set) var wasCut = false
    /// Advance of a space at size 1 (0 when the text has none).
    private(set) var spaceAdvance = 0.0

    /// Most characters kept even when they have no width (joiners, marks), to bound the work.
    static let maxCharacters = 20_000

    init(_ text: String, chain: [TrueTypeFont], widthLimit: Double?) {
        var cache: [Character: Double] = [:]
        for character in text {
            if let limit = widthLimit, total > limit || characters.count >= Self.maxCharacters {
                wasCut = true
                break
            }
            let advance: Double
            if let known = cache[character] {
                advance = known
            } else {
                advance = TextShaper.width(String(character), chain: chain, size: 1)
                if character.unicodeScalars.count <= 4 { cache[character] = advance }
            }
            if character == " " { spaceAdvance = advance }
            characters.append(character)
            prefix.append(total + advance)
        }
    }

    var count: Int { characters.count }
    var total: Double { prefix[prefix.count - 1] }
    var string: String { String(characters) }

    func string(_ range: Range<Int>) -> String { String(characters[range]) }

    func width(_ range: Range<Int>, size: Double) -> Double { (prefix[range.upperBound] - prefix[range.lowerBound]) * size }

    /// Maximal runs of non-space characters.
    func words() -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start: Int?
        for (index, character) in characters.enumerated() {
            if character == " " {
                if let s = start { result.append(s..<index); start = nil }
            } else if start == nil {
                start = index
            }
        }
        if let s = start { result.append(s..<characters.count) }
        return result
    }
}

extension ClosedRange where Bound: Comparable {
    /// `value` moved into the range (NaN becomes the lower bound).
    func clamp(_ value: Bound) -> Bound {
        if value > upperBound { return upperBound }
        if value >= lowerBound { return value }
        return lowerBound
    }
}

extension String {
    func trimmingSuffixSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}

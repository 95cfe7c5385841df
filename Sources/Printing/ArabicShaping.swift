/// Contextual forms for Arabic letters (isolated / final / initial / medial) and the mandatory
/// lam-alef ligatures, using the Arabic Presentation Forms-B characters that DejaVu Sans draws.
/// Applied in logical order before bidi reordering; `canonical` maps a presentation form back to
/// the letters it stands for so the PDF's ToUnicode map extracts the real text.
enum ArabicShaping {
    /// Letter → (first presentation form = isolated, dual-joining?). Forms follow in the order
    /// isolated, final, initial, medial (right-joining letters have only the first two).
    static let letters: [UInt32: (form: UInt32, dual: Bool)] = {
        var table: [UInt32: (UInt32, Bool)] = [0x0621: (0xFE80, false)]
        let sequence: [(UInt32, Bool)] = [
            (0x0622, false), (0x0623, false), (0x0624, false), (0x0625, false), (0x0626, true), (0x0627, false),
            (0x0628, true), (0x0629, false), (0x062A, true), (0x062B, true), (0x062C, true), (0x062D, true),
            (0x062E, true), (0x062F, false), (0x0630, false), (0x0631, false), (0x0632, false), (0x0633, true),
            (0x0634, true), (0x0635, true), (0x0636, true), (0x0637, true), (0x0638, true), (0x0639, true),
            (0x063A, true), (0x0641, true), (0x0642, true), (0x0643, true), (0x0644, true), (0x0645, true),
            (0x0646, true), (0x0647, true), (0x0648, false), (0x0649, false), (0x064A, true),
        ]
        var form: UInt32 = 0xFE81
        for (letter, dual) in sequence {
            table[letter] = (form, dual)
            form += dual ? 4 : 2
        }
        return table
    }()

    /// Lam + alef variant → isolated ligature (final = +1).
    static let lamAlef: [UInt32: UInt32] = [0x0622: 0xFEF5, 0x0623: 0xFEF7, 0x0625: 0xFEF9, 0x0627: 0xFEFB]

    static func isTransparent(_ v: UInt32) -> Bool { (0x064B...0x065F).contains(v) || v == 0x0670 }

    static func shape(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        guard scalars.contains(where: { letters[$0.value] != nil }) else { return text }
        func neighbour(_ from: Int, step: Int) -> UInt32? {
            var i = from + step
            while i >= 0, i < scalars.count, isTransparent(scalars[i].value) { i += step }
            return i >= 0 && i < scalars.count ? scalars[i].value : nil
        }
        func joinsForward(_ v: UInt32?) -> Bool { v.map { letters[$0]?.dual == true || $0 == 0x0640 } ?? false }
        func acceptsJoin(_ v: UInt32?) -> Bool { v.map { (letters[$0] != nil && $0 != 0x0621) || $0 == 0x0640 } ?? false }
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            let v = scalars[i].value
            guard let entry = letters[v], v != 0x0621 else { out.append(scalars[i]); i += 1; continue }
            let joinsPrevious = joinsForward(neighbour(i, step: -1))
            var nextIndex = i + 1
            while nextIndex < scalars.count, isTransparent(scalars[nextIndex].value) { nextIndex += 1 }
            if v == 0x0644, nextIndex < scalars.count, let ligature = lamAlef[scalars[nextIndex].value] {
                out.append(Unicode.Scalar(ligature + (joinsPrevious ? 1 : 0))!)
                out.append(contentsOf: scalars[(i + 1)..<nextIndex])
                i = nextIndex + 1
                continue
            }
            let joinsNext = entry.dual && acceptsJoin(neighbour(i, step: 1))
            let offset: UInt32 = switch (joinsPrevious, joinsNext) {
            case (true, true): 3
            case (false, true): 2
            case (true, false): 1
            case (false, false): 0
            }
            out.append(Unicode.Scalar(entry.form + offset)!)
            i += 1
        }
        return String(out)
    }

    /// The letters a presentation form stands for (itself for anything else).
    static func canonical(_ scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        let v = scalar.value
        guard (0xFE80...0xFEFC).contains(v) else { return [scalar] }
        if v >= 0xFEF5 {
            let alef = lamAlef.first { v == $0.value || v == $0.value + 1 }?.key ?? 0x0627
            // Visual order (alef, lam): the ligature sits in a reversed right-to-left run, and text
            // extractors (poppler) reverse the run's characters back to logical order.
            return [Unicode.Scalar(alef)!, Unicode.Scalar(0x0644)!]
        }
        return reverse[v].map { [Unicode.Scalar($0)!] } ?? [scalar]
    }

    private static let reverse: [UInt32: UInt32] = {
        var table: [UInt32: UInt32] = [:]
        for (letter, entry) in letters {
            for k in 0..<(entry.dual ? 4 : (letter == 0x0621 ? 1 : 2)) { table[entry.form + UInt32(k)] = letter }
        }
        return table
    }()
}

/// Glyphs of one font drawn one after another.
struct GlyphRun {
    let font: TrueTypeFont
    var glyphs: [Int] = []
    /// Characters each glyph stands for (for the ToUnicode map).
    var scalars: [[Unicode.Scalar]] = []
    /// Sum of advance widths in font units.
    var advance = 0

    func width(size: Double) -> Double { Double(advance) * size / Double(font.unitsPerEm) }
}

/// Maps text to glyph runs: per character the first font of the fallback chain that has it
/// (combining marks stay with their base's font when it has them), advance widths from `hmtx`.
/// No kerning or shaping: one glyph per code point, which is exact for Latin, Cyrillic, Greek
/// and CJK and legible for Hebrew and Arabic (contextual forms via `ArabicShaping`).
enum TextShaper {
    /// Runs for text already in visual (display) order.
    static func shape(_ text: String, chain: [TrueTypeFont]) -> [GlyphRun] {
        guard let primary = chain.first else { return [] }
        var runs: [GlyphRun] = []
        for character in text {
            var clusterFont: TrueTypeFont?
            for scalar in character.unicodeScalars {
                var scalar = scalar
                var chosen: (TrueTypeFont, Int)?
                if ArabicShaping.canonical(scalar) != [scalar], !chain.contains(where: { $0.hasGlyph(for: scalar) }),
                   let letter = ArabicShaping.canonical(scalar).first {
                    scalar = letter  // no font draws the presentation form: use the plain letter
                }
                if let font = clusterFont, case let g = font.glyphID(for: scalar), g != 0 { chosen = (font, g) }
                if chosen == nil {
                    for font in chain {
                        let g = font.glyphID(for: scalar)
                        if g != 0 { chosen = (font, g); break }
                    }
                }
                if chosen == nil, isIgnorable(scalar) { continue }
                let (font, glyph) = chosen ?? (primary, 0)
                if clusterFont == nil { clusterFont = font }
                if runs.last?.font.path != font.path { runs.append(GlyphRun(font: font)) }
                runs[runs.count - 1].glyphs.append(glyph)
                runs[runs.count - 1].scalars.append(ArabicShaping.canonical(scalar))
                runs[runs.count - 1].advance += font.advanceWidth(glyph: glyph)
            }
        }
        return runs
    }

    /// Width in points of `text` at `size` (order does not change the width).
    static func width(_ text: String, chain: [TrueTypeFont], size: Double) -> Double {
        shape(text, chain: chain).reduce(0) { $0 + $1.width(size: size) }
    }

    /// Characters no font of the chain draws (they would print as the empty .notdef box), once
    /// each, in order of appearance.
    static func missingCharacters(in runs: [GlyphRun]) -> [String] {
        var seen: Set<String> = []
        var result: [String] = []
        for run in runs {
            for (glyph, scalars) in zip(run.glyphs, run.scalars) where glyph == 0 {
                let text = String(String.UnicodeScalarView(scalars))
                if seen.insert(text).inserted { result.append(text) }
            }
        }
        return result
    }

    /// Joiners, variation selectors and other invisible format characters a font may lack.
    static func isIgnorable(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isDefaultIgnorableCodePoint || (0xFE00...0xFE0F).contains(scalar.value)
    }
}

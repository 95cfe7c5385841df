/// A small subset of the Unicode bidirectional algorithm, enough to show Hebrew and Arabic names
/// legibly: strong types (L, R), European numbers and neutrals are resolved to embedding levels
/// (rules W7, N1/N2, I1/I2 simplified) and then reordered with rule L2, mirroring brackets in
/// right-to-left runs. Arabic letters are given their joined forms beforehand by `ArabicShaping`.
enum BidiText {
    enum Kind { case left, right, number, neutral }

    static func kind(of character: Character) -> Kind {
        guard let scalar = character.unicodeScalars.first else { return .neutral }
        let v = scalar.value
        if (0x0590...0x08FF).contains(v) || (0xFB1D...0xFDFF).contains(v) || (0xFE70...0xFEFF).contains(v)
            || (0x10800...0x10FFF).contains(v) || (0x1E800...0x1EFFF).contains(v) {
            return (0x0660...0x0669).contains(v) || (0x06F0...0x06F9).contains(v) ? .number : .right
        }
        if ("0"..."9").contains(character) { return .number }
        if scalar.properties.isAlphabetic || scalar.properties.isIdeographic { return .left }
        return .neutral
    }

    static func containsRightToLeft(_ text: String) -> Bool {
        text.contains { kind(of: $0) == .right }
    }

    /// `text` (logical order) in visual left-to-right display order.
    static func visualOrder(_ text: String) -> String {
        let chars = Array(text)
        guard chars.contains(where: { kind(of: $0) == .right }) else { return text }
        let kinds = chars.map(kind(of:))
        let baseRTL = kinds.first { $0 == .left || $0 == .right } == .right
        let base: Kind = baseRTL ? .right : .left
        // W7: numbers after L (or at the start of an LTR paragraph) are L.
        var resolved = kinds
        var lastStrong = base
        for i in resolved.indices {
            switch resolved[i] {
            case .left, .right: lastStrong = resolved[i]
            case .number where lastStrong == .left: resolved[i] = .left
            default: break
            }
        }
        // N1/N2: neutrals between the same direction take it; otherwise the base direction.
        func strongish(_ k: Kind) -> Kind? { k == .neutral ? nil : (k == .number ? .right : k) }
        var i = 0
        while i < resolved.count {
            guard resolved[i] == .neutral else { i += 1; continue }
            var j = i
            while j < resolved.count, resolved[j] == .neutral { j += 1 }
            let before = i > 0 ? strongish(resolved[i - 1]) ?? base : base
            let after = j < resolved.count ? strongish(resolved[j]) ?? base : base
            let fill: Kind = before == after ? before : base
            for k in i..<j { resolved[k] = fill }
            i = j
        }
        let baseLevel = baseRTL ? 1 : 0
        var levels = resolved.map { k -> Int in
            switch (k, baseRTL) {
            case (.right, false): return 1
            case (.number, false): return 2
            case (.left, true), (.number, true): return 2
            default: return baseLevel
            }
        }
        // L2: reverse runs at each level from the highest down to the lowest odd level.
        var order = Array(chars.indices)
        let highest = levels.max() ?? 0
        for level in stride(from: highest, through: 1, by: -1) {
            var start = 0
            while start < order.count {
                guard levels[start] >= level else { start += 1; continue }
                var end = start
                while end < order.count, levels[end] >= level { end += 1 }
                order[start..<end].reverse()
                levels[start..<end].reverse()
                start = end
            }
        }
        let mirrors: [Character: Character] = ["(": ")", ")": "(", "[": "]", "]": "[", "{": "}", "}": "{",
                                               "<": ">", ">": "<", "«": "»", "»": "«"]
        return String(order.map { index in
            let odd = (resolved[index] == .right || (resolved[index] == .neutral && baseRTL))
            return odd ? (mirrors[chars[index]] ?? chars[index]) : chars[index]
        })
    }
}

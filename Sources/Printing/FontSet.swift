import Foundation

/// The fonts a badge is drawn with: for each weight a fallback chain, main font first.
/// Per character the first font of the chain that has a glyph is used (DejaVu Sans for Latin,
/// Cyrillic, Greek, Arabic, Hebrew; Droid Sans Fallback or WenQuanYi Zen Hei for Chinese and
/// Japanese; Nanum Gothic for Korean).
///
/// Fonts are found by file name under search paths so the same code works on Debian, in CI and
/// on a laptop with fonts in `~/.local/share/fonts`; `BADGE_FONT_PATH` (colon-separated) is
/// searched first.
public struct FontSet: Sendable {
    public let regular: [TrueTypeFont]
    public let bold: [TrueTypeFont]

    public static let regularFileNames = ["DejaVuSans.ttf"]
    public static let boldFileNames = ["DejaVuSans-Bold.ttf"]
    /// Fallback fonts by family, in chain order; the first file of a family that loads is used.
    /// Droid Sans Fallback covers Chinese and Japanese but not Hangul, hence Nanum Gothic
    /// (`fonts-nanum`) for Korean. Noto CJK is CFF-flavoured and cannot be embedded (see TrueTypeFont).
    static let fallbackFamilies: [(regular: [String], bold: [String])] = [
        (["DroidSansFallbackFull.ttf", "DroidSansFallback.ttf"], []),
        (["NanumGothic.ttf", "NanumBarunGothic.ttf"], ["NanumGothicBold.ttf", "NanumBarunGothicBold.ttf"]),
        (["wqy-zenhei.ttc", "wqy-microhei.ttc"], []),
    ]
    public static let fallbackFileNames = fallbackFamilies.flatMap { $0.regular + $0.bold }
    public static let defaultSearchPaths = ["/usr/share/fonts", "/usr/local/share/fonts",
                                            "~/.local/share/fonts", "~/.fonts", "/Library/Fonts",
                                            "/System/Library/Fonts"]

    /// Explicit chains. `bold` may be empty: the regular chain is used for bold text then.
    public init(regular: [TrueTypeFont], bold: [TrueTypeFont] = []) throws {
        guard !regular.isEmpty || !bold.isEmpty else { throw PrintingError.noUsableFont(searched: []) }
        self.regular = regular.isEmpty ? bold : regular
        self.bold = bold.isEmpty ? self.regular : bold
    }

    /// Search paths with `BADGE_FONT_PATH` entries first.
    public static func searchPaths(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        let extra = (environment["BADGE_FONT_PATH"] ?? "").split(separator: ":").map(String.init)
        return extra + defaultSearchPaths
    }

    /// Finds DejaVu Sans (regular, bold) and the CJK and Hangul fallbacks under `searchPaths`.
    /// Throws `PrintingError.noUsableFont` when not even one usable font is found.
    public static func discover(searchPaths: [String] = FontSet.searchPaths()) throws -> FontSet {
        let wanted = Set(regularFileNames + boldFileNames + fallbackFileNames)
        var found: [String: String] = [:]
        let fm = FileManager.default
        for root in searchPaths.map({ NSString(string: $0).expandingTildeInPath }) {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: root, isDirectory: &isDirectory) else { continue }
            if !isDirectory.boolValue {
                let name = URL(fileURLWithPath: root).lastPathComponent
                if wanted.contains(name), found[name] == nil { found[name] = root }
                continue
            }
            guard let walker = fm.enumerator(atPath: root) else { continue }
            while let relative = walker.nextObject() as? String {
                let name = URL(fileURLWithPath: relative).lastPathComponent
                if wanted.contains(name), found[name] == nil { found[name] = root + "/" + relative }
            }
        }
        func load(_ names: [String]) -> [TrueTypeFont] {
            names.compactMap { found[$0] }.compactMap { try? TrueTypeFont(path: $0) }
        }
        var regularFallbacks: [TrueTypeFont] = [], boldFallbacks: [TrueTypeFont] = []
        for family in fallbackFamilies {
            guard let regular = load(family.regular).first else { continue }
            regularFallbacks.append(regular)
            boldFallbacks.append(load(family.bold).first ?? regular)
        }
        // Without a bold file the regular main font heads the bold chain (not a CJK fallback,
        // which has no Latin letters).
        let regularMain = load(regularFileNames).first ?? load(boldFileNames).first
        let boldMain = load(boldFileNames).first ?? regularMain
        let regular = Array([regularMain].compactMap { $0 }) + regularFallbacks
        let bold = Array([boldMain].compactMap { $0 }) + boldFallbacks
        guard !regular.isEmpty || !bold.isEmpty else { throw PrintingError.noUsableFont(searched: searchPaths) }
        return try FontSet(regular: regular, bold: bold)
    }

    public func chain(_ weight: FontWeight) -> [TrueTypeFont] { weight == .bold ? bold : regular }

    /// The characters of `text` that no font of the `weight` chain has (each once, in order):
    /// they would print as empty boxes. Invisible joiners and variation selectors are not counted.
    public func missingGlyphs(in text: String, weight: FontWeight = .regular) -> [String] {
        TextShaper.missingCharacters(in: TextShaper.shape(text, chain: chain(weight)))
    }
}

/// Text weight of a template field.
public enum FontWeight: String, Sendable, Equatable, CaseIterable {
    case regular, bold
}

/// The language a label printer speaks (SPEC §12): what the badge's raster is encoded to.
public enum PrinterLanguage: String, Sendable, Hashable, CaseIterable {
    case zpl
    case brotherQL = "brother-ql"

    /// `zpl` or `brother-ql`, as addresses spell it (`?lang=`).
    public init?(parameter: String) { self.init(rawValue: parameter.lowercased()) }
}

/// What delivering one badge did: the template used, where it went (the print log's `output`),
/// whether a printer took it (false: a PDF file was written), and missing characters.
public struct DeliveredBadge: Sendable, Hashable {
    public var templateName: String
    public var output: String
    public var wentToPrinter: Bool
    public var missingGlyphs: [String]

    public init(templateName: String, output: String, wentToPrinter: Bool, missingGlyphs: [String]) {
        self.templateName = templateName
        self.output = output
        self.wentToPrinter = wentToPrinter
        self.missingGlyphs = missingGlyphs
    }
}

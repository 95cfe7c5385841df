import BadgeCore
import Foundation

/// Renders one attendee's badge to PDF bytes: parses the template's layout, fits every text box,
/// encodes the QR code, and writes a one-page PDF with subset, extractable fonts.
/// Pure apart from reading the fonts already loaded in `FontSet`: same input, same bytes.
public enum BadgeRenderer {
    public static func render(attendee: Attendee, template: BadgeTemplate, fonts: FontSet) throws -> Data {
        try render(attendee: attendee, layout: TemplateParser.parse(template.layout), fonts: fonts)
    }

    /// Selects the template with `TemplateSelector` (VIP → ticket variant → Default) and renders.
    public static func renderSelected(attendee: Attendee, from templates: [BadgeTemplate],
                                      fonts: FontSet) throws -> (template: BadgeTemplate, pdf: Data) {
        guard let template = TemplateSelector.select(for: attendee, from: templates) else {
            throw PrintingError.noTemplate(ticketName: attendee.ticketName)
        }
        return (template, try render(attendee: attendee, template: template, fonts: fonts))
    }

    public static func render(attendee: Attendee, layout: BadgeLayout, fonts: FontSet) throws -> Data {
        try renderBadge(attendee: attendee, layout: layout, fonts: fonts).pdf
    }

    /// Renders and reports the characters no installed font has (they print as empty boxes).
    public static func renderBadge(attendee: Attendee, template: BadgeTemplate, fonts: FontSet) throws -> RenderedBadge {
        try renderBadge(attendee: attendee, layout: TemplateParser.parse(template.layout), fonts: fonts)
    }

    public static func renderBadge(attendee: Attendee, layout: BadgeLayout, fonts: FontSet) throws -> RenderedBadge {
        let canvas = try BadgeCanvas.laidOut(attendee: attendee, layout: layout, fonts: fonts)
        let name = attendee.badgeName.count > 200 ? String(attendee.badgeName.prefix(199)) + "…" : attendee.badgeName
        let pdf = canvas.pdf(width: layout.width, height: layout.height, title: "Badge: \(name)")
        return RenderedBadge(pdf: pdf, missingGlyphs: canvas.missingGlyphs)
    }
}

/// A rendered badge and what it could not draw.
public struct RenderedBadge: Sendable, Equatable {
    public let pdf: Data
    /// Characters of the badge's text that no installed font has, each once, in order of
    /// appearance (for example ["한", "🎉"]); they print as empty boxes.
    public let missingGlyphs: [String]

    public init(pdf: Data, missingGlyphs: [String]) {
        self.pdf = pdf
        self.missingGlyphs = missingGlyphs
    }
}

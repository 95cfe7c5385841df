import BadgeCore
import Console
import Foundation
import Printing

extension EffectRunner {
    /// Preview style: half blocks everywhere; `BADGE_PREVIEW=braille` for terminals whose font
    /// draws braille patterns (twice the dots a cell).
    static let previewStyle: TerminalPreview.Style =
        ProcessInfo.processInfo.environment["BADGE_PREVIEW"].flatMap(TerminalPreview.Style.init(rawValue:)) ?? .halfBlocks

    /// The attendee's badge as it will print: the template the print would use, rasterised as
    /// for a label printer and drawn in text. A preview that cannot be drawn says why in its
    /// caption instead of failing the card.
    func badgePreview(attendeeId: Int64, columns: Int, rows: Int) -> BadgePreview {
        var preview = BadgePreview(attendeeId: attendeeId, columns: columns, rows: rows, lines: [], caption: "")
        do {
            guard let attendee = try store.attendee(id: attendeeId) else {
                preview.caption = "no preview: attendee gone"
                return preview
            }
            let templates = try store.templates(eventId: attendee.eventId).sorted { $0.id < $1.id }
            let template = TemplateSelector.select(for: attendee, from: templates)
                ?? BuiltInTemplates.defaultTemplate(eventId: attendee.eventId)
            // The raster a 300 dpi label printer gets (any badge up to 8 in a side); larger templates
            // are drawn smaller rather than into a poster-sized raster.
            let badge = try LabelRasterizer.thumbnail(attendee: attendee, template: template, fonts: fontSet(),
                                                      maxWidth: 2_400, maxHeight: 2_400)
            preview.lines = TerminalPreview.lines(badge.bitmap, columns: columns, rows: rows, style: Self.previewStyle)
            preview.caption = "\(template.name) · \(Int(badge.widthMM.rounded()))×\(Int(badge.heightMM.rounded())) mm"
        } catch {
            preview.caption = "no preview: \(Self.describe(error))"
        }
        return preview
    }
}

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
            let badge = try LabelRasterizer.raster(attendee: attendee, template: template, fonts: fontSet(), dpi: .dpi203)
            preview.lines = TerminalPreview.lines(badge.bitmap, columns: columns, rows: rows, style: Self.previewStyle)
            let mm = { (dots: Int) in Int((Double(dots) * 25.4 / 203).rounded()) }
            preview.caption = "\(template.name) · \(mm(badge.bitmap.width))×\(mm(badge.bitmap.height)) mm"
        } catch {
            preview.caption = "no preview: \(Self.describe(error))"
        }
        return preview
    }
}

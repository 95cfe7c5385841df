import BadgeCore

/// Template text shipped in the binary, so an event without templates (or `badge demo`) can
/// still print. Identical to `Fixtures/templates/default.badge` (a test keeps them in step).
public enum BuiltInTemplates {
    public static let defaultLayout = """
        # Default badge: 4 × 3 in landscape, for attendees without a more specific variant.
        name "Default"
        size 4x3in
        # Positions below are in inches (the unit of the size line); origin is the top-left corner.

        rect x=0 y=0 w=4 h=0.35 fill=#1F3A5F
        text "WELCOME" x=0.2 y=0 w=3.6 h=0.35 size=11 bold color=white align=center

        field first_name x=0.2 y=0.5  w=2.6 h=0.7  size=34 min=18 bold
        field last_name  x=0.2 y=1.15 w=2.6 h=0.45 size=20 min=10
        field company    x=0.2 y=1.7  w=2.6 h=0.35 size=14 min=8 lines=2
        field job_title  x=0.2 y=2.05 w=2.6 h=0.3  size=11 min=7 color=#555555
        qr x=2.85 y=0.5 size=1.05
        field ticket_name x=0 y=2.6 w=4 h=0.4 size=14 min=8 bold align=center fill=#E8EDF3

        """

    /// The built-in Default as a template of `eventId`.
    public static func defaultTemplate(eventId: Int64) -> BadgeTemplate {
        BadgeTemplate(eventId: eventId, name: "Default", layout: defaultLayout)
    }
}

/// A parsed badge template (see TEMPLATE_FORMAT.md): page size and positioned elements, all in
/// PDF points (1/72 in) with the origin at the badge's top-left corner, y growing downwards.
///
/// The optional header lines (`name`, `tickets`, `vip`) let `badge templates add FILE` fill the
/// stored `BadgeTemplate` metadata from the file itself.
public struct BadgeLayout: Sendable, Equatable {
    public var name: String?
    public var ticketNames: [String]
    public var isVIPVariant: Bool
    public var width: Double
    public var height: Double
    public var elements: [BadgeElement]

    public init(name: String? = nil, ticketNames: [String] = [], isVIPVariant: Bool = false,
                width: Double, height: Double, elements: [BadgeElement] = []) {
        self.name = name
        self.ticketNames = ticketNames
        self.isVIPVariant = isVIPVariant
        self.width = width
        self.height = height
        self.elements = elements
    }
}

/// A rectangle in points, origin top-left of the badge.
public struct BadgeBox: Sendable, Equatable {
    public var x: Double, y: Double, width: Double, height: Double
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }
}

/// An sRGB colour, components 0…1.
public struct BadgeColor: Sendable, Equatable {
    public var red: Double, green: Double, blue: Double
    public init(red: Double, green: Double, blue: Double) { self.red = red; self.green = green; self.blue = blue }
    public static let black = BadgeColor(red: 0, green: 0, blue: 0)
    public static let white = BadgeColor(red: 1, green: 1, blue: 1)
}

/// Attendee fields a text element can show.
public enum AttendeeField: String, Sendable, Equatable, CaseIterable {
    case name, firstName = "first_name", lastName = "last_name", company, jobTitle = "job_title"
    case ticketName = "ticket_name", vipRibbon = "vip_ribbon"
    /// Only the desk sets it (a badge correction, SPEC §13).
    case pronouns
}

public enum HorizontalAlignment: String, Sendable, Equatable, CaseIterable { case left, center, right }
public enum VerticalAlignment: String, Sendable, Equatable, CaseIterable { case top, middle, bottom }

/// One drawable thing on the badge, in template order (later elements paint over earlier ones).
public enum BadgeElement: Sendable, Equatable {
    case text(TextElement)
    case qr(QRElement)
    case rect(RectElement)
}

/// A text box bound to an attendee field or literal text with `{field}` placeholders.
public struct TextElement: Sendable, Equatable {
    public enum Content: Sendable, Equatable {
        case field(AttendeeField)
        /// Literal text; `{name}`, `{company}`… are replaced by attendee fields.
        case literal(String)
    }
    public var content: Content
    public var box: BadgeBox
    public var fontSize: Double
    /// Smallest size long text shrinks to before wrapping or truncating.
    public var minFontSize: Double
    public var weight: FontWeight
    public var align: HorizontalAlignment
    public var verticalAlign: VerticalAlignment
    /// Lines the text may wrap to once shrinking to `minFontSize` is not enough (1 = truncate with "…").
    public var maxLines: Int
    public var color: BadgeColor
    /// Background of the box, painted only when the element shows text.
    public var fill: BadgeColor?
    public var uppercase: Bool
    /// Text of a `vip_ribbon` field (default "VIP").
    public var ribbonText: String

    public init(content: Content, box: BadgeBox, fontSize: Double = 12, minFontSize: Double? = nil,
                weight: FontWeight = .regular, align: HorizontalAlignment = .left,
                verticalAlign: VerticalAlignment = .middle, maxLines: Int = 1, color: BadgeColor = .black,
                fill: BadgeColor? = nil, uppercase: Bool = false, ribbonText: String = "VIP") {
        self.content = content
        self.box = box
        self.fontSize = fontSize
        self.minFontSize = minFontSize ?? min(fontSize, max(6, fontSize / 2))
        self.weight = weight
        self.align = align
        self.verticalAlign = verticalAlign
        self.maxLines = maxLines
        self.color = color
        self.fill = fill
        self.uppercase = uppercase
        self.ribbonText = ribbonText
    }
}

/// The attendee's barcode as a QR code, drawn as a square centred in `box` (the box includes
/// the 4-module quiet zone). Nothing is drawn for an attendee without a barcode.
public struct QRElement: Sendable, Equatable {
    public var box: BadgeBox
    public var color: BadgeColor
    public init(box: BadgeBox, color: BadgeColor = .black) { self.box = box; self.color = color }
}

/// A filled and/or stroked rectangle (bands, borders).
public struct RectElement: Sendable, Equatable {
    public var box: BadgeBox
    public var fill: BadgeColor?
    public var stroke: BadgeColor?
    public var lineWidth: Double
    /// Only drawn for VIP attendees.
    public var vipOnly: Bool
    public init(box: BadgeBox, fill: BadgeColor? = nil, stroke: BadgeColor? = nil, lineWidth: Double = 1,
                vipOnly: Bool = false) {
        self.box = box; self.fill = fill; self.stroke = stroke; self.lineWidth = lineWidth; self.vipOnly = vipOnly
    }
}

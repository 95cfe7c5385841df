/// A badge template of an event (SPEC §6). `ticketNames` empty and `isVIPVariant` false means the
/// Default template. `layout` is the template text (format documented in the README and parsed by
/// the Printing module); BadgeCore only selects templates.
public struct BadgeTemplate: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var eventId: Int64
    public var name: String
    public var ticketNames: [String]
    public var isVIPVariant: Bool
    public var layout: String

    public init(id: Int64 = 0, eventId: Int64, name: String, ticketNames: [String] = [],
                isVIPVariant: Bool = false, layout: String) {
        self.id = id
        self.eventId = eventId
        self.name = name
        self.ticketNames = ticketNames
        self.isVIPVariant = isVIPVariant
        self.layout = layout
    }

    public var isDefault: Bool { ticketNames.isEmpty && !isVIPVariant }
}

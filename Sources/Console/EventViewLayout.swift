import ScreenKit

/// Rows of the event view at a size, shared by `render` and by `update` (paging needs to know how
/// many rows are visible).
struct EventViewLayout {
    let header = 0
    /// First row of the alert box (3 rows), when an alert shows.
    let alert: Int?
    let stats: Int
    let statsHeight: Int
    /// Boxed stat cards (100 columns and wider) instead of the compact lines.
    let cards: Bool
    let tableHeader: Int
    let tableTop: Int
    let tableRows: Int
    let statusLine: Int
    let message: Int
    let footer: Int

    init(state: AppState, size: Size) {
        let hasAlert = state.eventView.flatMap { state.alert(for: $0.eventId) } != nil || state.deskBanner != nil
        alert = hasAlert ? 1 : nil
        stats = hasAlert ? 4 : 1
        cards = size.width >= StatCards.cardsMinWidth
        // Cards: 5 rows (border, label, figure, detail, border), taller on tall terminals so the
        // ticket-type panel beside them shows more types; the table keeps the rest.
        if cards {
            statsHeight = size.height >= 50 ? 9 : size.height >= 36 ? 7 : 5
        } else {
            statsHeight = size.height >= 32 ? 5 : 2
        }
        tableHeader = stats + statsHeight
        tableTop = tableHeader + 1
        footer = size.height - 1
        message = size.height - 2
        statusLine = size.height - 3
        tableRows = max(0, statusLine - tableTop)
    }
}

/// Column widths of the attendee table for a terminal width.
struct AttendeeColumns {
    let name, email, company, ticket, status, time: Int
    /// Marker (▶) + VIP mark (★) + space.
    static let lead = 3

    init(width: Int) {
        time = 6
        // Wide terminals spell statuses out ("✖ Not attending", "✖ waitlist") and give the
        // email, the longest field, more room than the name.
        let wide = width >= 110
        status = wide ? 16 : 12
        ticket = width >= 120 ? 18 : 12
        let flexible = max(12, width - AttendeeColumns.lead - 5 - time - status - ticket)
        name = flexible * (wide ? 35 : 40) / 100
        email = flexible * (wide ? 40 : 35) / 100
        company = flexible - name - email
    }
}

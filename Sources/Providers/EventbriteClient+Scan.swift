import Foundation
import BadgeCore

/// Paging over `/events/{id}/orders/?expand=attendees&status=all_not_deleted`.
///
/// Stop rules (PROVIDERS.md): `has_more_items == false` ends the scan even when a continuation is
/// present; `BAD_PAGE` past every page this scan was told of means past the end;
/// `BAD_CONTINUATION_TOKEN` restarts once from page 1. Once a page tells `page_count`, the
/// remaining pages are fetched with `page=N`, up to `pageConcurrency` at a time, and delivered
/// strictly in order; if the last counted page still has more (the list grew), paging carries on
/// page by page.
///
/// What is not a page (PROVIDERS.md §2.5) fails the scan with `ProviderError.malformed`, never
/// ends it: a page without its `orders` list, an empty page that says more follow, a
/// continuation already used in this scan or a page served twice (a cycle), a `BAD_PAGE` for a
/// page the scan was told exists, and an `object_count` / `page_count` that shrinks mid-scan.
extension EventbriteClient {
    /// Where a scan (re)starts; the opaque cursor is its text form.
    enum ScanPosition: Hashable, Sendable {
        case page(Int)
        case continuation(String)

        init?(cursor: String) {
            if cursor.hasPrefix("page:"), let n = Int(cursor.dropFirst(5)), n >= 1 {
                self = .page(n)
            } else if cursor.hasPrefix("cont:"), cursor.count > 5 {
                self = .continuation(String(cursor.dropFirst(5)))
            } else {
                return nil
            }
        }

        var cursor: String {
            switch self {
            case .page(let n): return "page:\(n)"
            case .continuation(let token): return "cont:\(token)"
            }
        }
    }

    /// One decoded page of orders, already mapped.
    struct FetchedPage: Sendable {
        var attendees: [ProviderAttendee]
        var orderCount: Int
        var pageNumber: Int?
        var pageCount: Int?
        var continuation: String?
        var hasMore: Bool
        /// `object_count`, when the page tells it.
        var objectCount: Int?
        /// Highest `changed` of the page's orders and attendees.
        var maxChanged: Date?
        /// First and last order ids: detects a page served twice.
        var signature: String
    }

    /// Runs one scan; `deliver` gets each page in order with its highest `changed`.
    func scanOrders(eventId: String, extraQuery: [(String, String)], start: ScanPosition, concurrent: Bool,
                    deliver: (AttendeePage, Date?) async throws -> Void) async throws {
        var position = start
        var expected: Int = { if case .page(let n) = start { return n } else { return 1 } }()
        var restarted = false
        var usedTokens = Set<String>()
        var previousSignature: String?
        let checks = ScanChecks(eventId: eventId)

        func hand(_ page: FetchedPage, _ number: Int, next: ScanPosition?) async throws {
            try await deliver(AttendeePage(attendees: page.attendees, pageNumber: number,
                                           pageCount: page.pageCount, totalCount: nil,
                                           nextCursor: next?.cursor), page.maxChanged)
        }

        while true {
            try Task.checkCancellation()
            let page: FetchedPage
            do {
                page = try await fetchOrders(eventId: eventId, extraQuery: extraQuery, at: position, number: expected)
            } catch ScanSignal.badContinuation where !restarted {
                restarted = true
                position = .page(1)
                expected = 1
                usedTokens.removeAll()
                previousSignature = nil
                checks.reset()
                continue
            } catch ScanSignal.badContinuation {
                throw ProviderError.transient("Eventbrite rejected its own continuation token twice for event \(eventId)")
            } catch ScanSignal.badPage {
                // Past the end, unless this scan was told the page exists: then the list shrank.
                try checks.pageGone(expected)
                return
            }
            let number = page.pageNumber ?? expected
            if let previous = previousSignature, page.signature == previous, page.orderCount > 0 {
                throw ProviderError.malformed("page \(number) of the orders of event \(eventId) repeats the page before it (a paging cycle)")
            }
            try checks.check(page, number: number)
            if page.orderCount == 0 || !page.hasMore {
                try await hand(page, number, next: nil)
                return
            }
            previousSignature = page.signature

            if concurrent, let count = page.pageCount, number < count {
                try await hand(page, number, next: .page(number + 1))
                guard let last = try await fetchAhead(eventId: eventId, extraQuery: extraQuery, from: number + 1,
                                                      through: count, checks: checks, deliver: deliver) else {
                    return
                }
                previousSignature = last.signature
                position = .page(count + 1)
                expected = count + 1
                continue
            }

            let next: ScanPosition
            if let token = page.continuation {
                guard usedTokens.insert(token).inserted else {
                    throw ProviderError.malformed(
                        "the continuation of page \(number) of the orders of event \(eventId) points back to a page already read")
                }
                next = .continuation(token)
            } else {
                next = .page(number + 1)
            }
            try await hand(page, number, next: next)
            position = next
            expected = number + 1
        }
    }

    /// Fetches pages `first...last` with up to `pageConcurrency` requests in flight and delivers
    /// them in order. Returns the last page when the list grew past `last` (the scan continues),
    /// nil when the scan is complete.
    private func fetchAhead(eventId: String, extraQuery: [(String, String)], from first: Int, through last: Int,
                            checks: ScanChecks, deliver: (AttendeePage, Date?) async throws -> Void) async throws -> FetchedPage? {
        guard first <= last else { return nil }
        let window = pageConcurrency
        return try await withThrowingTaskGroup(of: FetchedSlot.self) { group in
            var nextToLaunch = first
            var nextToDeliver = first
            var ready: [Int: Result<FetchedPage, any Error>] = [:]
            while true {
                // Keep up to `window` pages fetched or in flight beyond the next one to deliver.
                while nextToLaunch <= last && nextToLaunch < nextToDeliver + window {
                    let number = nextToLaunch
                    group.addTask { [self] in
                        do {
                            let page = try await fetchOrders(eventId: eventId, extraQuery: extraQuery, at: .page(number),
                                                             number: number)
                            return FetchedSlot(number: number, result: .success(page))
                        } catch {
                            return FetchedSlot(number: number, result: .failure(error))
                        }
                    }
                    nextToLaunch += 1
                }
                guard nextToDeliver <= last else { return nil }
                while ready[nextToDeliver] == nil {
                    guard let slot = try await group.next() else { return nil }
                    ready[slot.number] = slot.result
                }
                guard let result = ready.removeValue(forKey: nextToDeliver) else { return nil }
                let page: FetchedPage
                switch result {
                case .success(let fetched):
                    page = fetched
                case .failure(ScanSignal.badPage):
                    // Every page up to `last` was promised by `page_count`: the list shrank.
                    group.cancelAll()
                    try checks.pageGone(nextToDeliver)
                    return nil
                case .failure(let error):
                    group.cancelAll()
                    throw error
                }
                let number = nextToDeliver
                nextToDeliver += 1
                do {
                    try checks.check(page, number: number)
                } catch {
                    group.cancelAll()
                    throw error
                }
                if page.orderCount == 0 || !page.hasMore {
                    group.cancelAll()
                    try await deliver(AttendeePage(attendees: page.attendees, pageNumber: number,
                                                   pageCount: page.pageCount, nextCursor: nil), page.maxChanged)
                    return nil
                }
                try await deliver(AttendeePage(attendees: page.attendees, pageNumber: number,
                                               pageCount: page.pageCount,
                                               nextCursor: ScanPosition.page(number + 1).cursor), page.maxChanged)
                if number == last { return page }
            }
        }
    }

    /// A page fetched ahead, tagged with its number.
    struct FetchedSlot: Sendable {
        var number: Int
        var result: Result<FetchedPage, any Error>
    }

    /// GETs one page of orders and maps it. A body without its `orders` list, or an empty list
    /// that says more follow, is a `MalformedPage` (retried, then `ProviderError.malformed`);
    /// `number` names the page in that reason.
    func fetchOrders(eventId: String, extraQuery: [(String, String)], at position: ScanPosition,
                     number expected: Int) async throws -> FetchedPage {
        var query: [(String, String)] = [("expand", "attendees"), ("status", "all_not_deleted")] + extraQuery
        switch position {
        case .page(let n): query.append(("page", String(n)))
        case .continuation(let token): query.append(("continuation", token))
        }
        let wire = try await get(path: "/events/\(ProviderURL.encode(eventId))/orders/", query: query) { data in
            let page = try EventbriteWire.readOrdersPage(data)
            let named = page.pagination?.page_number?.value ?? expected
            guard let orders = page.orders else { throw MalformedPage.missingList(named, of: "orders", key: "orders") }
            if orders.isEmpty && Self.hasMore(page.pagination) { throw MalformedPage.emptyButMore(named, of: "orders") }
            return page
        }
        let orders = wire.orders ?? []
        let pagination = wire.pagination
        let number = pagination?.page_number?.value
        let count = pagination?.page_count?.value
        let hasMore = Self.hasMore(pagination)
        let attendees = EventbriteMapping.attendees(of: orders)
        var maxChanged = attendees.lazy.compactMap(\.changedAt).max()
        for order in orders {
            if let changed = order.changed.text.flatMap(ISO8601.parse), maxChanged.map({ changed > $0 }) ?? true {
                maxChanged = changed
            }
        }
        let signature = "\(orders.count)|\(orders.first?.id.text ?? "")|\(orders.last?.id.text ?? "")"
        return FetchedPage(attendees: attendees, orderCount: orders.count, pageNumber: number, pageCount: count,
                           continuation: pagination?.continuation.text, hasMore: hasMore,
                           objectCount: pagination?.object_count?.value, maxChanged: maxChanged, signature: signature)
    }

    /// `has_more_items`, or when absent whether `page_number` is below `page_count`.
    static func hasMore(_ pagination: EventbriteWire.Pagination?) -> Bool {
        if let flag = pagination?.has_more_items?.value { return flag }
        if let number = pagination?.page_number?.value, let count = pagination?.page_count?.value { return number < count }
        return false
    }

    /// The totals one scan was told, page after page: they may grow (registrations during the
    /// scan) but never shrink — a cancelled attendee stays in the list, so a provider that drops
    /// rows mid-scan is not trusted (PROVIDERS.md §2.5). Used by the scan's own task only.
    final class ScanChecks {
        let eventId: String
        private var objects: Int?
        private var pages: Int?

        init(eventId: String) { self.eventId = eventId }

        func reset() {
            objects = nil
            pages = nil
        }

        func check(_ page: FetchedPage, number: Int) throws {
            if let now = page.objectCount {
                if let before = objects, now < before {
                    throw ProviderError.malformed(
                        "the orders of event \(eventId) shrank from \(before) to \(now) during the scan (page \(number))")
                }
                objects = max(objects ?? now, now)
            }
            if let now = page.pageCount {
                if let before = pages, now < before {
                    throw ProviderError.malformed(
                        "the orders of event \(eventId) shrank from \(before) to \(now) pages during the scan (page \(number))")
                }
                pages = max(pages ?? now, now)
            }
        }

        /// `BAD_PAGE` for page `number`: past the end, unless an earlier page counted it.
        func pageGone(_ number: Int) throws {
            if let pages, number <= pages {
                throw ProviderError.malformed(
                    "page \(number) of \(pages) of the orders of event \(eventId) is gone: the list shrank during the scan")
            }
        }
    }
}

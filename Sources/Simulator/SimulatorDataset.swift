import BadgeCore
import Foundation

/// The simulated providers' data: events per provider and their attendees, generated
/// deterministically from a seed (SplitMix64), stored as arrays of compact structs.
///
/// A value type with mutating methods; `ProviderSimulator` keeps one behind a lock. Text (names,
/// e-mails, ids) is derived on demand from pool indices, so generating 100 000 attendees is a
/// few million integer operations and a few megabytes.
public struct SimulatorDataset {
    let seed: UInt64
    /// Epoch seconds of the reference moment: registrations happen in the 60 days before it,
    /// provider check-ins in the hour before it, event k starts k days after it.
    let reference: Int64
    var events: [SimEvent] = []
    var eventIndex: [String: Int] = [:]
    var lumaLookup: [Int: [String: Int32]] = [:]
    var queryCache: [String: (version: Int, indices: [Int32])] = [:]
    var liveRandom: SplitMix64
    let seedBase: Int64

    /// Generates `eventsPerProvider` events for each provider with `attendeesPerEvent` each.
    public init(seed: UInt64, eventsPerProvider: Int, attendeesPerEvent: Int,
                providers: [Provider] = Provider.allCases, reference: Date) {
        self.seed = seed
        self.reference = Int64(reference.timeIntervalSince1970)
        self.liveRandom = SplitMix64(seed: SplitMix64.hash(seed, 0x11FE))
        self.seedBase = Int64(1 + SplitMix64.mix(seed) % 89) * 10_000_000_000
        var ordinal = 0
        for provider in providers {
            for k in 0..<max(0, eventsPerProvider) {
                var event = makeEvent(provider: provider, ordinal: ordinal, number: k)
                generate(into: &event, count: max(0, attendeesPerEvent))
                eventIndex[event.externalId] = events.count
                events.append(event)
                ordinal += 1
            }
        }
    }

    private func makeEvent(provider: Provider, ordinal: Int, number: Int) -> SimEvent {
        let salt = SplitMix64.hash(seed, UInt64(ordinal), 2)
        let idBase = seedBase + Int64(ordinal + 1) * 100_000_000
        let externalId: String
        switch provider {
        case .eventbrite: externalId = String(seedBase + Int64(ordinal) * 37 + 1)
        case .luma: externalId = "evt-" + SplitMix64.base62(SplitMix64.hash(seed, UInt64(ordinal), 1), length: 12)
        }
        let names = NameBook.eventNames
        let title = names[(Int(SplitMix64.mix(seed) % UInt64(names.count)) + ordinal) % names.count]
        let start = reference + Int64(number) * 86_400
        return SimEvent(provider: provider, ordinal: ordinal, externalId: externalId,
                        name: "\(title) 2026" + (number > 0 ? " — Day \(number + 1)" : ""),
                        start: start, end: start + 9 * 3600, timezone: "UTC",
                        capacity: 0, idBase: idBase, salt: salt)
    }

    private func generate(into event: inout SimEvent, count: Int) {
        var rng = SplitMix64(seed: SplitMix64.hash(seed, UInt64(event.ordinal), 99))
        event.attendees.reserveCapacity(count)
        let window: Int64 = 60 * 86_400 - 3600
        let step = max(1, window / Int64(max(1, count)))
        let origin = reference - 60 * 86_400
        var i = 0
        while i < count {
            let created = origin + Int64(i) * step + Int64(rng.below(Int(step)))
            guard event.provider == .eventbrite else {
                event.attendees.append(makeAttendee(index: i, order: -1, created: created,
                                                    provider: .luma, rng: &rng))
                i += 1
                continue
            }
            let size = min(Self.orderSize(&rng), count - i)
            var order = SimOrder(index: Int32(event.orders.count), firstAttendee: Int32(i), count: Int32(size),
                                 refunded: rng.chance(0.03), created: created, changed: created)
            for j in 0..<size {
                var attendee = makeAttendee(index: i + j, order: order.index, created: created,
                                            provider: .eventbrite, rng: &rng)
                if order.refunded {
                    attendee.refunded = true
                    attendee.cancelled = true
                    attendee.checkedInAt = 0
                    attendee.changed = created
                }
                order.changed = max(order.changed, attendee.changed)
                event.attendees.append(attendee)
            }
            event.orders.append(order)
            i += size
        }
        event.capacity = count + count / 10
    }

    /// 1–5 attendees per order, mostly 1 or 2.
    static func orderSize(_ rng: inout SplitMix64) -> Int {
        let roll = rng.below(100)
        switch roll {
        case ..<50: return 1
        case ..<75: return 2
        case ..<88: return 3
        case ..<95: return 4
        default: return 5
        }
    }

    /// One attendee with a person, ticket and statuses drawn from `rng`.
    func makeAttendee(index: Int, order: Int32, created: Int64, provider: Provider,
                      rng: inout SplitMix64) -> SimAttendee {
        var culture: UInt8 = SimAttendee.specialCulture
        var first = 0, last = 0
        if rng.chance(0.015) {
            first = rng.below(NameBook.specials.count)
        } else {
            var roll = rng.below(NameBook.totalCultureWeight)
            var c = 0
            while roll >= NameBook.cultures[c].weight { roll -= NameBook.cultures[c].weight; c += 1 }
            culture = UInt8(c)
            first = rng.below(NameBook.cultures[c].first.count)
            last = rng.below(NameBook.cultures[c].last.count)
        }
        var ticketRoll = rng.below(NameBook.totalTicketWeight)
        var ticket = 0
        while ticketRoll >= NameBook.tickets[ticket].weight { ticketRoll -= NameBook.tickets[ticket].weight; ticket += 1 }
        let company = rng.chance(0.85) ? UInt16(rng.below(NameBook.companies.count)) : SimAttendee.noValue
        let job = rng.chance(0.8) ? UInt16(rng.below(NameBook.jobTitles.count)) : SimAttendee.noValue
        var attendee = SimAttendee(index: Int32(index), order: order, culture: culture, first: UInt16(first),
                                   last: UInt16(last), company: company, job: job, ticket: UInt8(ticket),
                                   secondTicket: SimAttendee.noTicket, approval: .approved, cancelled: false,
                                   refunded: false, nullName: false, noName: false, created: created,
                                   changed: created, checkedInAt: 0, override: -1)
        switch provider {
        case .eventbrite:
            if rng.chance(0.03) { attendee.cancelled = true }
        case .luma:
            let roll = rng.below(100)
            switch roll {
            case ..<78: attendee.approval = .approved
            case ..<84: attendee.approval = .pendingApproval
            case ..<88: attendee.approval = .invited
            case ..<92: attendee.approval = .declined
            case ..<97: attendee.approval = .waitlist
            default: attendee.approval = .session
            }
            if attendee.approval == .approved, rng.chance(0.05) {
                attendee.secondTicket = UInt8(rng.below(NameBook.tickets.count))
            }
            attendee.nullName = rng.chance(0.03)
            attendee.noName = rng.chance(0.02)
        }
        let attending = !attendee.cancelled && attendee.approval == .approved
        if attending, rng.chance(0.08) {
            attendee.checkedInAt = reference - 60 - Int64(rng.below(3600))
            attendee.changed = attendee.checkedInAt
        } else if rng.chance(0.1) {
            attendee.changed = created + Int64(rng.below(Int(max(1, reference - 3600 - created))))
        }
        return attendee
    }
}

import Testing
import Foundation
import BadgeCore
import ScreenKit
@testable import Console

/// Issue #17: reconnecting an integration left each of its events DISCONNECTED until R was
/// pressed on each; the Integrations screen now offers to reconnect them all.
enum RO {
    static func event(_ id: Int64, _ name: String, _ provider: Provider = .eventbrite,
                      _ status: SyncStatus = .disconnected) -> Event {
        Event(id: id, provider: provider, externalId: "x\(id)", name: name, syncStatus: status,
              accessCode: "AC\(id)", createdAt: F.at(8, 0))
    }

    /// The Integrations screen with the Eventbrite token just accepted again.
    static func connected(size: Size = Size(width: 80, height: 24)) -> AppState {
        var s = AppState(size: size, operatorName: "ada")
        let events = [event(1, "Tech Summit — Day 1"), event(2, "Tech Summit — Day 2"),
                      event(3, "Luma Night", .luma), event(4, "Live One", .eventbrite, .active)]
        _ = update(&s, .eventsLoaded(events.map { EventSummary(event: $0) }), now: F.now)
        _ = update(&s, .key(.char("I")), now: F.now)
        _ = update(&s, .integrationConnected(F.integration()), now: F.now)
        return s
    }
}

@Suite struct ReconnectOfferTests {
    @Test func offersTheProvidersDisconnectedEventsAndReconnectsThemAll() {
        var s = RO.connected()
        #expect(s.integrationsScreen.reconnectOffer == ReconnectOffer(provider: .eventbrite, eventIds: [1, 2]))
        let text = F.text(s)
        #expect(text.contains("Eventbrite is connected. Reconnect its 2 disconnected events?"))
        #expect(text.contains("✖ Tech Summit — Day 1"))
        #expect(text.contains("✖ Tech Summit — Day 2"))
        #expect(!text.contains("Luma Night") && !text.contains("Live One"))
        #expect(text.contains("[Enter] Reconnect all"))
        let effects = update(&s, .key(.enter), now: F.now)
        #expect(effects == [.reconnect(eventId: 1), .recordAudit(action: .reconnect, detail: "eventbrite:x1"),
                            .reconnect(eventId: 2), .recordAudit(action: .reconnect, detail: "eventbrite:x2")])
        #expect(Set(s.importsRunning.keys) == [1, 2])
        #expect(s.integrationsScreen.reconnectOffer == nil)
        #expect(F.text(s).contains("Reconnecting 2 Eventbrite events"))
    }

    @Test func escLeavesThemDisconnected() {
        var s = RO.connected(size: Size(width: 120, height: 40))
        #expect(update(&s, .key(.escape), now: F.now) == [])
        #expect(s.integrationsScreen.reconnectOffer == nil)
        #expect(s.screen == .integrations)
        #expect(s.importsRunning.isEmpty)
    }

    @Test func noOfferWhenNothingIsDisconnected() {
        var s = AppState(operatorName: "ada")
        _ = update(&s, .eventsLoaded([EventSummary(event: RO.event(4, "Live One", .eventbrite, .active))]), now: F.now)
        _ = update(&s, .key(.char("I")), now: F.now)
        _ = update(&s, .integrationConnected(F.integration()), now: F.now)
        #expect(s.integrationsScreen.reconnectOffer == nil)
        #expect(!F.text(s).contains("Reconnect its"))
    }
}

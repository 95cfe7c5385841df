import Testing
import Foundation
import BadgeCore
import ScreenKit
@testable import Console

private let now = F.now

/// A state in `context`, set up as an admin would reach it.
private func state(in context: KeyContext) -> AppState {
    var s: AppState
    switch context {
    case .dashboard:
        s = F.dashboard()
    case .importDialog:
        s = F.dashboard()
        _ = update(&s, .key(.char("i")), now: now)
        _ = update(&s, .integrationsLoaded([F.integration()]), now: now)
    case .integrations, .credentialEntry:
        s = F.dashboard()
        _ = update(&s, .key(.char("I")), now: now)
        _ = update(&s, .integrationsLoaded([F.integration()]), now: now)
        if context == .credentialEntry {
            _ = update(&s, .key(.enter), now: now)
            St.type(&s, "tok-12345678")
        }
    case .reconnectOffer:
        s = RO.connected()
    case .importProgress:
        s = F.dashboard()
        _ = update(&s, .importProgressed(eventId: 2, ImportProgress(pagesDone: 1, startedAt: now)), now: now)
        _ = update(&s, .key(.down), now: now)
        _ = update(&s, .key(.enter), now: now)
        _ = update(&s, .importFailed(eventId: 2, reason: "timed out"), now: now)
    default:
        s = Scene.syncFailed()
    }
    s.toast = nil
    return s
}

/// Station mode (SPEC §7): L locks to staff actions, leaving needs an admin PIN, refusals say so.
@Suite struct StationModeTests {
    @Test func everyAdminOnlyKeyIsRefusedWithTheReasonForStaffAndInStationMode() {
        let adminOnly = KeyBindings.all.filter(\.adminOnly)
        #expect(adminOnly.count >= 7)
        for b in adminOnly {
            for key in b.keys {
                for station in [false, true] {
                    var s = state(in: b.context)
                    if station { s.stationMode = true } else { s.operatorRole = .staff }
                    let before = s
                    #expect(KeyBindings.contexts(for: s).contains(b.context))
                    let effects = update(&s, .key(key), now: now)
                    let why = station ? "(station mode)" : "(signed in as staff)"
                    let expected = "\(b.permission!.phrase) needs an admin \(why)"
                    #expect(effects == [], "\(b.context) \(key.label)")
                    #expect(s.toast == Toast(text: expected, kind: .warning, expiresAt: now.addingTimeInterval(4)),
                            "\(b.context) \(key.label) station=\(station)")
                    #expect(render(s, size: s.size, now: now).text.contains("▲ " + expected), "shown on screen")
                    s.toast = nil
                    #expect(s == before, "nothing else changes")
                }
            }
        }
        // And the refusal reaches the screen.
        var s = F.dashboard()
        s.stationMode = true
        _ = update(&s, .key(.char("I")), now: now)
        #expect(F.text(s).contains("▲ connecting an integration needs an admin (station mode)"))
    }

    @Test func staffInStationModeIsRefusedAsStaff() {
        var s = F.dashboard()
        s.operatorRole = .staff
        s.stationMode = true
        _ = update(&s, .key(.char("i")), now: now)
        #expect(s.toast?.text == "importing an event needs an admin (signed in as staff)")
    }

    @Test func enteringStationModeNeedsNoPINAndIsAudited() {
        var s = F.eventView()
        #expect(update(&s, .key(.char("L")), now: now) == [.recordAudit(action: .enterStationMode, detail: "")])
        #expect(s.stationMode && s.effectiveRole == .staff && s.operatorRole == .admin)
        #expect(s.toast?.text == "Station mode: staff actions only — L and an admin PIN to leave")
        // Staff may lock their own console too.
        var staff = F.eventView()
        staff.operatorRole = .staff
        #expect(update(&staff, .key(.char("L")), now: now) == [.recordAudit(action: .enterStationMode, detail: "")])
    }

    @Test func enteringFromAnAdminScreenClosesItAndTheTokenField() {
        var s = state(in: .credentialEntry)
        _ = update(&s, .key(.escape), now: now)
        _ = update(&s, .key(.enter), now: now)
        #expect(s.integrationsScreen.entry != nil)
        #expect(update(&s, .key(.char("L")), now: now) == [], "L is a character of the token while typing it")
        _ = update(&s, .key(.escape), now: now)
        _ = update(&s, .key(.char("L")), now: now)
        #expect(s.stationMode && s.screen == .dashboard && s.integrationsScreen.entry == nil)
        var d = state(in: .importDialog)
        _ = update(&d, .key(.char("L")), now: now)
        #expect(d.stationMode && d.screen == .dashboard)
    }

    @Test func leavingTakesAnyAdminsPINAndRecordsWhose() {
        var s = St.prompt(typed: St.pin)
        #expect(update(&s, .key(.enter), now: now) == [.verifyPIN(name: nil, pin: .pin(St.pin), purpose: .leaveStationMode)])
        #expect(update(&s, .key(.enter), now: now) == [], "ignored while checking")
        let effects = update(&s, .pinVerified(name: "carol", role: .admin, purpose: .leaveStationMode), now: now)
        #expect(effects == [.recordAudit(action: .leaveStationMode, detail: "admin PIN of carol")])
        #expect(!s.stationMode && s.pinPrompt == nil && s.operatorName == "ada", "the operator does not change")
        #expect(s.toast?.text == "Station mode off")
    }

    @Test func aStaffOperatorCannotLeaveWithoutAnAdminPIN() {
        var s = St.station(operatorName: "bob", role: .staff)
        _ = update(&s, .key(.char("L")), now: now)
        #expect(s.pinPrompt != nil && s.stationMode)
        // Esc, Enter on an empty field, other keys: still station mode.
        #expect(update(&s, .key(.enter), now: now) == [])
        #expect(s.pinNotice == "A PIN is 4 to 12 digits")
        #expect(update(&s, .key(.char("i")), now: now) == [] && s.screen == .eventView(eventId: 1))
        _ = update(&s, .key(.escape), now: now)
        #expect(s.stationMode && s.pinPrompt == nil)
        // bob's own (staff) PIN: the runner checks admins only and rejects it.
        _ = update(&s, .key(.char("L")), now: now)
        St.type(&s, "4321")
        #expect(update(&s, .key(.enter), now: now) == [.verifyPIN(name: nil, pin: .pin("4321"), purpose: .leaveStationMode)])
        #expect(update(&s, .pinRejected(name: nil, purpose: .leaveStationMode), now: now) == [])
        #expect(s.stationMode && s.pinPrompt == PINPromptState())
        #expect(s.pinNotice == "Wrong PIN — 4 tries left before a 1-minute lock")
        // A reply naming a staff member never unlocks (counted as wrong).
        St.type(&s, "4321")
        _ = update(&s, .key(.enter), now: now)
        #expect(update(&s, .pinVerified(name: "bob", role: .staff, purpose: .leaveStationMode), now: now) == [])
        #expect(s.stationMode && s.pinLockout.failures == 2)
        // A login reply never unlocks station mode.
        #expect(update(&s, .pinVerified(name: "ada", role: .admin, purpose: .login), now: now) == [])
        #expect(s.stationMode)
    }

    @Test func fiveWrongPINsLockThePromptForAMinuteEvenAcrossEsc() {
        var s = St.prompt()
        #expect(St.rejectPrompt(&s, times: 4) == [])
        #expect(St.rejectPrompt(&s, times: 1)
                == [.recordAudit(action: .pinLockout, detail: "5 wrong PINs leaving station mode")])
        _ = update(&s, .key(.escape), now: now)
        _ = update(&s, .key(.char("L")), now: now)
        St.type(&s, St.pin, at: now.addingTimeInterval(30))
        #expect(s.pinPrompt?.pin == .pin(""), "typing is ignored while locked")
        #expect(update(&s, .key(.enter), now: now.addingTimeInterval(30)) == [])
        #expect(render(s, size: s.size, now: now.addingTimeInterval(30)).text.contains("locked, try again in 30 s"))
        let after = now.addingTimeInterval(60)
        St.type(&s, St.pin, at: after)
        #expect(update(&s, .key(.enter), now: after) == [.verifyPIN(name: nil, pin: .pin(St.pin), purpose: .leaveStationMode)])
        _ = update(&s, .pinVerified(name: "ada", role: .admin, purpose: .leaveStationMode), now: after)
        #expect(!s.stationMode && s.pinLockout.failures == 0)
    }

    @Test func withNoAdminMemberThePromptSaysSo() {
        var s = St.prompt(members: [MemberSummary(name: "bob", role: .staff)], typed: St.pin)
        #expect(update(&s, .key(.enter), now: now) == [])
        #expect(s.pinNotice == "No admin member is defined: add one on the command line" && s.stationMode)
    }

    @Test func withNoMembersLeavingNeedsNoPIN() {
        var s = St.prompt(members: [])
        #expect(F.text(s).contains("No members are defined, so no PIN is needed."))
        St.type(&s, "1234")
        #expect(s.pinPrompt?.pin == .pin(""), "there is no PIN field")
        #expect(update(&s, .key(.enter), now: now) == [.recordAudit(action: .leaveStationMode, detail: "no members defined")])
        #expect(!s.stationMode)
    }

    @Test func scansAreIgnoredWhileThePromptIsOpen() {
        var s = St.prompt(typed: "12")
        let before = s
        #expect(update(&s, .scanned("BC1"), now: now) == [])
        #expect(s == before)
    }

    @Test func helpAndFooterInStationModeListOnlyStaffActions() {
        for s in [St.station(), { var a = Scene.syncFailed(); a.stationMode = true; return a }(), St.station(size: Size(width: 120, height: 40))] {
            let help = KeyBindings.helpSections(for: s).flatMap(\.bindings)
            #expect(!help.isEmpty && help.allSatisfy { !$0.adminOnly })
            #expect(KeyBindings.footer(for: s).allSatisfy { !$0.adminOnly })
            #expect(!HelpView.lines(s).contains { $0.0.contains("(admin)") })
        }
        var h = St.station()
        _ = update(&h, .key(.char("?")), now: now)
        let text = render(h, size: Size(width: 120, height: 40), now: now).text
        #expect(text.contains("L         Station mode: staff actions only (leaving asks for an admin PIN)"))
        #expect(!text.contains("Import an event") && !text.contains("Retry / reconnect"))
        #expect(text.contains("Help — keys") && text.contains("STATION MODE · ada"))
    }

    @Test func headerMarkerIsTextWithTheWarningRole() {
        let buf = render(St.station(), size: Size(width: 80, height: 24), now: now)
        #expect(buf.lines[0].hasPrefix(" STATION MODE │ "))
        #expect(Set((1..<13).map { buf[$0, 0].role }) == [.statusWarn])
        var d = F.dashboard()
        _ = update(&d, .key(.char("L")), now: now)
        let dash = render(d, size: Size(width: 80, height: 24), now: now)
        #expect(dash.lines[0].hasSuffix("STATION MODE · ada "))
        #expect(Set((61..<73).map { dash[$0, 0].role }) == [.statusWarn])
        #expect(!F.text(F.eventView()).contains("STATION"))
    }
}

/// Admin actions done in the console are audited with the operator (`Effect.recordAudit`).
@Suite struct AuditEffectTests {
    @Test func connectingAnIntegrationIsAuditedWhenTheProviderAccepted() {
        var s = state(in: .credentialEntry)
        #expect(update(&s, .key(.enter), now: now) == [.connectIntegration(.eventbrite, Secret("tok-12345678"))])
        #expect(update(&s, .integrationConnected(F.integration()), now: now)
                == [.recordAudit(action: .connectIntegration, detail: "eventbrite Ada Lovelace <ada@example.com>"),
                    .loadIntegrations])
    }

    @Test func auditActionNamesMatchTheCLI() {
        #expect(AuditAction.allCases.map(\.rawValue) == [
            "console.login", "console.pin-lockout", "integration.connect", "event.import", "event.retry",
            "event.reconnect", "event.confirm-cancellations", "station.enter", "station.leave", "station.unlock",
        ])
    }
}

import Foundation
import Testing
import BadgeCore

@Suite struct SyncTransitionTests {
    @Test func pendingBecomesActiveOnlyWhenTheImportCompletes() {
        #expect(SyncStatus.pending.after(.importCompleted) == .active)
        #expect(SyncStatus.pending.after(.importStopped) == .pending)
        #expect(SyncStatus.pending.after(.syncSucceeded) == .pending)
        #expect(SyncStatus.pending.after(.syncFailed) == .pending)
    }

    @Test func unauthorizedDisconnectsFromEveryState() {
        for s in SyncStatus.allCases { #expect(s.after(.unauthorized) == .disconnected) }
    }

    @Test func failedRecoversOnSuccess() {
        #expect(SyncStatus.active.after(.syncFailed) == .failed)
        #expect(SyncStatus.failed.after(.syncFailed) == .failed)
        #expect(SyncStatus.failed.after(.syncSucceeded) == .active)
    }

    @Test func disconnectedLeavesOnlyThroughAReimport() {
        #expect(SyncStatus.disconnected.after(.syncSucceeded) == .disconnected)
        #expect(SyncStatus.disconnected.after(.importStarted) == .pending)
        #expect(SyncStatus.disconnected.after(.importStarted).after(.importCompleted) == .active)
    }

    func event(_ status: SyncStatus, error: String? = nil) -> Event {
        Event(provider: .eventbrite, externalId: "1", name: "E", syncStatus: status, accessCode: "ABC123", lastError: error)
    }

    @Test func alertsFollowTheStatus() {
        #expect(EventAlert.for(event(.active), importRunning: false) == nil)
        #expect(EventAlert.for(event(.pending), importRunning: true) == nil)
        let failedImport = EventAlert.for(event(.pending, error: "503 from provider"), importRunning: false)
        #expect(failedImport == .importFailed(reason: "503 from provider"))
        #expect(failedImport?.title == "Import failed")
        #expect(failedImport?.recoveryLabel == "[R] Retry import")
        #expect(EventAlert.for(event(.failed, error: "timeout"), importRunning: false) == .syncFailed(reason: "timeout"))
        let disconnected = EventAlert.for(event(.disconnected), importRunning: false)
        #expect(disconnected?.title == "Integration disconnected")
        #expect(disconnected?.reason.isEmpty == false)
    }
}

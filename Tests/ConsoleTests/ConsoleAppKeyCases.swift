import Foundation
import BadgeCore
import ScreenKit
@testable import Console

/// Ctrl-C reaches the console as a key (the terminal runs raw): it quits from text fields too,
/// and a second Ctrl-C confirms (part of `keyCases`, so the coverage test sees them).
let consoleAppKeyCases: [KeyCase] = [
    KeyCase(name: "^C quits from the search field", context: .search, key: .ctrl("c"),
            given: {
                var s = F.eventView()
                _ = update(&s, .key(.char("/")), now: F.now)
                _ = update(&s, .key(.char("a")), now: F.now)
                return s
            },
            effects: [.quit], then: { !$0.confirmingQuit }),
    KeyCase(name: "^C asks from the search field while a resync runs", context: .search, key: .ctrl("c"),
            given: { Scene.syncingWithSearch() }, effects: [], then: { $0.confirmingQuit }),
    KeyCase(name: "^C quits from the token field", context: .credentialEntry, key: .ctrl("c"),
            given: { Scene.integrations(typing: "lu-") }, effects: [.quit],
            then: { !$0.confirmingQuit && $0.integrationsScreen.entry?.text.value == "lu-" }),
    KeyCase(name: "a second ^C confirms quitting", context: .confirmQuit, key: .ctrl("c"),
            given: { Scene.confirmQuit() }, effects: [.quit], then: { _ in true }),
]

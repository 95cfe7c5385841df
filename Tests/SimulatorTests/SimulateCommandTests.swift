#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BadgeCore
import Foundation
@testable import Simulator
import TestSupport
import Testing

@Suite struct SimulateCommandTests {
    @Test func bannerNamesPortBaseURLsCredentialsAndEvents() throws {
        let h = try SimulatorHarness(SimulatorConfig(attendees: 3, events: 2, seed: 9, eventbriteToken: "tok-x", lumaKey: "key-y"))
        defer { h.stop() }
        let banner = SimulateCommand.banner(h.simulator)
        let first = try #require(banner.split(separator: "\n").first)
        #expect(first.hasSuffix("http://127.0.0.1:\(h.port)"))
        #expect(banner.contains("http://127.0.0.1:\(h.port)/v3"))
        #expect(banner.contains("tok-x"))
        #expect(banner.contains("key-y"))
        for id in h.simulator.eventIds(for: .eventbrite) + h.simulator.eventIds(for: .luma) {
            #expect(banner.contains(id))
        }
    }

    @Test func harnessPortIsFreeAgainAfterStop() async throws {
        let h = try SimulatorHarness(SimulatorConfig(attendees: 1, events: 1))
        let url = h.lumaBaseURL + "/v1/users/get-self"
        #expect(try await HTTP.get(url, headers: ["x-luma-api-key": "sim-luma-key"]).status == 200)
        h.stop()
        await #expect(throws: (any Error).self) { _ = try await HTTP.get(url, headers: ["x-luma-api-key": "sim-luma-key"]) }
    }
}

@Suite struct SimulateCommandRunTests {
    final class Box: @unchecked Sendable {
        let lock = NSLock()
        var text = ""
        func append(_ s: String) { lock.lock(); text += s; lock.unlock() }
        var value: String { lock.lock(); defer { lock.unlock() }; return text }
    }

    @Test func runServesUntilSIGTERMThenStops() async throws {
        let box = Box()
        let finished = DispatchSemaphore(value: 0)
        let code = Box()
        Thread {
            let result = SimulateCommand.run(SimulatorConfig(port: 0, attendees: 2, events: 1), output: { box.append($0) })
            code.append("\(result)")
            finished.signal()
        }.start()
        var port = ""
        for _ in 0..<500 where port.isEmpty {
            if let line = box.value.split(separator: "\n").first, let colon = line.lastIndex(of: ":") {
                port = String(line[line.index(after: colon)...])
            } else {
                try await Task.sleep(nanoseconds: 10_000_000)
            }
        }
        let me = try await HTTP.get("http://127.0.0.1:\(port)/v1/users/get-self", headers: ["x-luma-api-key": "sim-luma-key"])
        #expect(me.status == 200)
        kill(getpid(), SIGTERM)
        #expect(finished.wait(timeout: .now() + 10) == .success)
        #expect(code.value == "0")
        #expect(box.value.contains("Stopping"))
    }
}

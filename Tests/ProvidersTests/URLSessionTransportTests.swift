import Foundation
import Testing
import BadgeCore
import Providers

/// The real transport over loopback HTTP.
@Suite(.serialized) struct URLSessionTransportTests {
    static func json(_ text: String, status: Int = 200, headers: [String: String] = [:]) -> LoopbackServer.Action {
        var all = ["Content-Type": "application/json"]
        all.merge(headers) { _, new in new }
        return .respond(status: status, headers: all, body: Data(text.utf8))
    }

    @Test func sendsHeadersAndReturnsStatusHeadersAndBody() async throws {
        let server = try LoopbackServer { request in
            request.target == "/ok" ? Self.json(#"{"ok": true}"#, headers: ["X-RateLimit-Remaining": "41"])
                : Self.json(#"{"message": "nope"}"#, status: 404)
        }
        defer { server.stop() }
        let transport = URLSessionTransport()
        let response = try await transport.send(HTTPRequest(url: server.baseURL.appendingPathComponent("ok"),
                                                            headers: ["Authorization": "Bearer abc"]))
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"ok": true}"#)
        #expect(response.header("x-ratelimit-remaining") == "41")
        #expect(server.requests.first?.headers["authorization"] == "Bearer abc")
        let missing = try await transport.send(HTTPRequest(url: server.baseURL.appendingPathComponent("nope")))
        #expect(missing.status == 404)  // an HTTP error is a response, not a throw
    }

    @Test func truncatedBodyIsConnectionLost() async throws {
        let server = try LoopbackServer { _ in .truncated(declared: 500, body: Data(#"{"entries": ["#.utf8)) }
        defer { server.stop() }
        await #expect(throws: TransportError.connectionLost) {
            _ = try await URLSessionTransport().send(HTTPRequest(url: server.baseURL.appendingPathComponent("x")))
        }
    }

    @Test func silenceTimesOut() async throws {
        let server = try LoopbackServer { _ in .silence(seconds: 3) }
        defer { server.stop() }
        await #expect(throws: TransportError.timedOut) {
            _ = try await URLSessionTransport().send(HTTPRequest(url: server.baseURL.appendingPathComponent("x"),
                                                                 timeout: 0.5))
        }
    }

    @Test func nothingListeningIsCannotConnect() async throws {
        let url = URL(string: "http://127.0.0.1:\(LoopbackServer.closedPort())/x")!
        await #expect(throws: TransportError.cannotConnect) {
            _ = try await URLSessionTransport().send(HTTPRequest(url: url))
        }
    }

    @Test func followsSameOriginRedirectsOnly() async throws {
        let elsewhere = LoopbackServer.closedPort()
        let server = try LoopbackServer { request in
            switch request.target {
            case "/moved": return .respond(status: 302, headers: ["Location": "/final"], body: Data())
            case "/final": return Self.json(#"{"final": true}"#)
            default: return .respond(status: 302, headers: ["Location": "http://127.0.0.1:\(elsewhere)/steal"], body: Data())
            }
        }
        defer { server.stop() }
        let transport = URLSessionTransport()
        let same = try await transport.send(HTTPRequest(url: server.baseURL.appendingPathComponent("moved"),
                                                        headers: ["Authorization": "Bearer abc"]))
        #expect(same.status == 200)
        #expect(server.requests.last?.headers["authorization"] == "Bearer abc")
        let other = try await transport.send(HTTPRequest(url: server.baseURL.appendingPathComponent("away"),
                                                         headers: ["Authorization": "Bearer abc"]))
        #expect(other.status == 302)  // handed back, not followed to another origin
    }

    @Test func keepsNoCookies() async throws {
        let server = try LoopbackServer { _ in Self.json("{}", headers: ["Set-Cookie": "session=abc; Path=/"]) }
        defer { server.stop() }
        let transport = URLSessionTransport()
        _ = try await transport.send(HTTPRequest(url: server.baseURL.appendingPathComponent("a")))
        _ = try await transport.send(HTTPRequest(url: server.baseURL.appendingPathComponent("b")))
        #expect(server.requests.count == 2)
        #expect(server.requests.last?.headers["cookie"] == nil)
    }

    @Test func concurrentRequestsUseSeveralConnections() async throws {
        // Each request waits (bounded) until another connection is open too.
        let box = ServerBox()
        let server = try LoopbackServer { _ in
            for _ in 0..<200 where (box.server?.peakConnections ?? 0) < 2 { Thread.sleep(forTimeInterval: 0.005) }
            return Self.json("{}")
        }
        box.server = server
        defer { server.stop() }
        let transport = URLSessionTransport()
        try await withThrowingTaskGroup(of: Int.self) { group in
            for i in 0..<4 {
                group.addTask { try await transport.send(HTTPRequest(url: server.baseURL.appendingPathComponent("p\(i)"))).status }
            }
            for try await status in group { #expect(status == 200) }
        }
        #expect(server.peakConnections >= 2)
    }

    final class ServerBox: @unchecked Sendable {
        var server: LoopbackServer?
    }
}

import Foundation
@testable import Simulator
import Testing

@Suite struct HTTPServerTests {
    private func echoServer() throws -> HTTPServer {
        let server = HTTPServer { request in
            var text = "\(request.method) \(request.path)"
            for item in request.queryItems { text += " \(item.name)=\(item.value)" }
            text += " body=\(String(decoding: request.body, as: UTF8.self))"
            return ServerResponse(status: 200, headers: [("Content-Type", "text/plain")], body: Array(text.utf8))
        }
        try server.start()
        return server
    }

    @Test func bindsAnEphemeralLoopbackPortAndAnswers() async throws {
        let server = try echoServer()
        defer { server.stop() }
        #expect(server.port > 0)
        let fetched = try await HTTP.get("http://127.0.0.1:\(server.port)/a/b?x=1&y=%C3%A9+z")
        #expect(fetched.status == 200)
        #expect(fetched.text == "GET /a/b x=1 y=é z body=")
    }

    @Test func keepsTheConnectionAliveAndHandlesPipelinedRequests() throws {
        let server = try echoServer()
        defer { server.stop() }
        let client = try RawClient(port: Int(server.port))
        client.write("GET /one HTTP/1.1\r\nHost: x\r\n\r\n")
        let first = try #require(client.readResponse())
        #expect(first.status == 200)
        #expect(first.headers["connection"] == "keep-alive")
        #expect(first.body == "GET /one body=")
        client.write("POST /two HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhelloGET /three HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(client.readResponse()?.body == "POST /two body=hello")
        #expect(client.readResponse()?.body == "GET /three body=")
        client.write("GET /last HTTP/1.1\r\nConnection: close\r\n\r\n")
        #expect(client.readResponse()?.headers["connection"] == "close")
        #expect(client.isClosedByServer())
    }

    @Test func answersExpectContinueBeforeTheBody() throws {
        let server = try echoServer()
        defer { server.stop() }
        let client = try RawClient(port: Int(server.port))
        client.write("POST /c HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n")
        #expect(client.readResponse()?.status == 100)
        client.write("abc")
        #expect(client.readResponse()?.body == "POST /c body=abc")
    }

    @Test func refusesMalformedAndOversizedRequests() throws {
        let server = try echoServer()
        defer { server.stop() }
        let garbage = try RawClient(port: Int(server.port))
        garbage.write("NONSENSE\r\n\r\n")
        #expect(garbage.readResponse()?.status == 400)
        let huge = try RawClient(port: Int(server.port))
        huge.write("GET / HTTP/1.1\r\nX-Big: " + String(repeating: "a", count: 40_000) + "\r\n\r\n")
        #expect(huge.readResponse()?.status == 431)
        let body = try RawClient(port: Int(server.port))
        body.write("POST / HTTP/1.1\r\nContent-Length: 99999999\r\n\r\n")
        #expect(body.readResponse()?.status == 413)
    }

    @Test func servesConcurrentConnections() async throws {
        let server = try echoServer()
        defer { server.stop() }
        let port = server.port
        let bodies = try await withThrowingTaskGroup(of: String.self) { group in
            for i in 0..<40 {
                group.addTask { try await HTTP.get("http://127.0.0.1:\(port)/n\(i)").text }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(bodies.count == 40)
        #expect(bodies.contains("GET /n39 body="))
    }

    @Test func stopClosesIdleConnectionsAndFreesThePort() throws {
        let server = try echoServer()
        let port = Int(server.port)
        let client = try RawClient(port: port)
        client.write("GET / HTTP/1.1\r\n\r\n")
        #expect(client.readResponse()?.status == 200)
        server.stop()
        #expect(client.isClosedByServer())
        #expect(throws: (any Error).self) { try RawClient(port: port) }
    }

    @Test func misbehavioursResetAndTruncate() throws {
        let server = HTTPServer { request in
            let misbehaviour: ServerResponse.Misbehaviour? = request.path == "/reset" ? .reset : .truncated
            return ServerResponse(status: 200, body: Array("0123456789".utf8), misbehaviour: misbehaviour)
        }
        try server.start()
        defer { server.stop() }
        let reset = try RawClient(port: Int(server.port))
        reset.write("GET /reset HTTP/1.1\r\n\r\n")
        #expect(reset.readResponse() == nil)
        let truncated = try RawClient(port: Int(server.port))
        truncated.write("GET /truncated HTTP/1.1\r\n\r\n")
        #expect(truncated.readResponse() == nil)
    }
}

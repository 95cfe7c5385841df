import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import BadgeCore
import Providers
import TestSupport

/// Issue #13 item 7: a refused connection, an unknown host and a TLS failure each say what they
/// are (never "refused the credential").
@Suite(.serialized) struct TransportErrorWordingTests {
    private func failure(_ error: TransportError) async -> ProviderError? {
        let stub = StubTransport()
        stub.on("/v3/users/me/", reply: .failure(error))
        return await providerError { _ = try await Clients.eventbrite(stub).whoAmI() }
    }

    @Test func eachTransportFailureSaysWhatItIs() async throws {
        #expect(await failure(.cannotConnect)?.description
                == "could not connect to 127.0.0.1:9: connection refused after 4 attempts: GET http://127.0.0.1:9/v3/users/me/")
        #expect(await failure(.hostNotFound)?.description
                == "host not found: 127.0.0.1 after 4 attempts: GET http://127.0.0.1:9/v3/users/me/")
        #expect(await failure(.tls("the server's certificate is not trusted"))?.description
                == "TLS error with 127.0.0.1: the server's certificate is not trusted after 4 attempts: GET http://127.0.0.1:9/v3/users/me/")
    }

    @Test func aPlainTextServerBehindAnHTTPSURLIsATLSError() async throws {
        let server = try LoopbackServer(greeting: Data("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".utf8)) { _ in
            .respond(status: 200, headers: [:], body: Data())
        }
        defer { server.stop() }
        let url = URL(string: "https://127.0.0.1:\(server.port)/x")!
        do {
            _ = try await URLSessionTransport().send(HTTPRequest(url: url, timeout: 10))
            Issue.record("a plain-text answer to a TLS handshake was accepted")
        } catch let error as TransportError {
            guard case .tls = error else {
                Issue.record("expected a TLS error, got \(error)")
                return
            }
        }
    }
}

import BadgeCore
import Foundation
import PostgresStore
import Storage
import Testing
import TestSupport

/// SPEC §11: the URL takes libpq's TLS options. A private server with TLS on (a self-signed
/// certificate): a desk asking `sslmode=require` works over TLS (the server says so), one that
/// verifies the certificate against it works too, and one that wants a root certificate it does
/// not have is refused with one line that names the problem and never a password.
@Suite(.serialized) struct TLSConnectionTests {
    @Test func desksConnectOverTLSWhenTheURLAsksForIt() throws {
        guard let cluster = try PostgresTestCluster.requireOrSkip("TLS connections") else { return }
        defer { cluster.shutdown() }
        let rootCert = try cluster.enableTLS()
        let url = try cluster.createDatabase("tls")
        let store = try PostgresStore.open(url: url + "?sslmode=require", options: .init(desk: "tls-desk", migrate: true))
        let event = try store.createEvent(Event(provider: .eventbrite, externalId: "E1", name: "Conf", accessCode: "X",
                                                createdAt: Date()))
        #expect(try store.event(id: event.id)?.name == "Conf")
        let overTLS = try PostgresTestServer.psql("""
            SELECT count(*) FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid)
            WHERE a.application_name = 'badge tls-desk' AND s.ssl
            """, url: url).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(overTLS == "1", "the desk's statement connection is encrypted")

        let verified = try PostgresStore.open(
            url: url + "?sslmode=verify-ca&sslrootcert=\(rootCert)", options: .init(desk: "verified", listen: false))
        #expect(try verified.events().count == 1)

        do {
            _ = try PostgresStore.open(url: url + "?sslmode=verify-full&sslrootcert=/nonexistent/root.crt",
                                       options: .init(desk: "unverified", listen: false))
            Issue.record("a desk without the root certificate connected with verify-full")
        } catch let error as StorageError {
            let text = error.description
            #expect(text.contains("root.crt") || text.lowercased().contains("certificate"), "\(text)")
            #expect(!text.contains("\n"))
        }
    }
}

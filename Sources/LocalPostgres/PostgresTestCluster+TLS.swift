import Foundation

extension PostgresTestCluster {
    /// Turns TLS on (a fresh self-signed certificate for 127.0.0.1, made with `openssl`) and
    /// restarts the server; returns the certificate's path, for `sslrootcert=` (verify-ca).
    /// Clients that do not ask for TLS still connect in clear (`host` lines in pg_hba.conf).
    public func enableTLS() throws -> String {
        let data = dataDirectory
        let crt = data + "/server.crt", key = data + "/server.key"
        let made = try PostgresCommand.run("/usr/bin/env", [
            "openssl", "req", "-new", "-x509", "-days", "2", "-nodes", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", crt,
        ])
        guard made.status == 0 else {
            throw PostgresTestError("openssl could not make a certificate: \(PostgresCommand.firstLine(made.output))")
        }
        chmod(key, 0o600)
        try installation.giveToServer(key)
        try installation.giveToServer(crt)
        let conf = data + "/postgresql.auto.conf"
        let settings = ((try? String(contentsOfFile: conf, encoding: .utf8)) ?? "") + "\nssl = on\n"
        try settings.write(toFile: conf, atomically: false, encoding: .utf8)
        try installation.giveToServer(conf)
        try restart()
        // A copy the test process can read (the data directory belongs to the server's user).
        let copy = directory + "/root.crt"
        try? FileManager.default.removeItem(atPath: copy)
        try FileManager.default.copyItem(atPath: crt, toPath: copy)
        chmod(copy, 0o644)
        return copy
    }
}

import BadgeCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The log file of SPEC §8 (`$XDG_STATE_HOME/badge/badge.log`): mode 0600, one sanitised line per
/// entry with a UTC timestamp, rotated to `badge.log.1` when it passes `maxBytes` (one old file is
/// kept, so the log never takes more than about twice `maxBytes`). Never writes to the terminal.
/// It lives in Storage because it is the other file the product writes; the caller passes the
/// sanitiser (ScreenKit's) so no control sequence reaches the file.
public final class RotatingFileLog: LogSink, @unchecked Sendable {
    private let path: String
    private let maxBytes: Int
    private let minimumLevel: LogLevel
    private let sanitize: @Sendable (String) -> String
    private let lock = NSLock()
    private var fd: Int32 = -1
    private var size = 0

    public init(path: String, maxBytes: Int = 1 << 20, minimumLevel: LogLevel = .info,
         sanitize: @escaping @Sendable (String) -> String) {
        self.path = path
        self.maxBytes = maxBytes
        self.minimumLevel = minimumLevel
        self.sanitize = sanitize
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    public func log(_ level: LogLevel, _ message: String) {
        guard level >= minimumLevel else { return }
        let line = "\(ISO8601DateFormatter().string(from: Date())) \(level.rawValue.uppercased()) \(sanitize(message))\n"
        lock.lock()
        defer { lock.unlock() }
        if fd < 0 { openFile() }
        guard fd >= 0 else { return }  // Logging must never take the console down.
        if size + line.utf8.count > maxBytes { rotate() }
        let written = line.withCString { write(fd, $0, strlen($0)) }
        if written > 0 { size += written }
    }

    private func openFile() {
        let dir = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        fchmod(fd, 0o600)
        var st = stat()
        size = fstat(fd, &st) == 0 ? Int(st.st_size) : 0
    }

    private func rotate() {
        close(fd)
        fd = -1
        _ = rename(path, path + ".1")
        openFile()
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A printer's device file (`/dev/usb/lp0`, the USB printer class): the job is written to it.
/// The open does not block on a printer that is off (O_NONBLOCK), and each write waits at most
/// `timeout` seconds for the device to take more bytes.
public struct DeviceFileTransport: PrinterTransport {
    public let path: String
    public let timeout: Double

    public init(path: String, timeout: Double = 10) {
        self.path = path
        self.timeout = timeout
    }

    public func send(_ bytes: Data) throws {
        let fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw PrinterError.device(path: path, reason: Self.reason(errno, opening: true)) }
        defer { close(fd) }
        let deadline = Date().addingTimeInterval(timeout)
        var written = 0
        try bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            guard let base = raw.baseAddress else { return }
            while written < raw.count {
                let n = write(fd, base + written, raw.count - written)
                if n > 0 {
                    written += n
                    continue
                }
                let code = errno
                if n < 0 && (code == EAGAIN || code == EINTR) {
                    if Date() >= deadline {
                        throw PrinterError.timedOut(target: path, phase: "writing \(written) of \(raw.count) bytes", seconds: timeout)
                    }
                    var p = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&p, 1, 100)
                    continue
                }
                throw PrinterError.device(path: path, reason: Self.reason(code, opening: false))
            }
        }
    }

    static func reason(_ code: Int32, opening: Bool) -> String {
        switch code {
        case ENOENT: return "no such device (is the printer plugged in and switched on?)"
        case EACCES, EPERM: return "permission denied (add this user to the lp group)"
        case EBUSY: return "device busy (another program holds the printer)"
        case ENODEV, ENXIO: return "the printer is gone (unplugged or switched off)"
        case EIO: return "input/output error (the printer dropped the job)"
        default: return (opening ? "cannot open: " : "write failed: ") + String(cString: strerror(code)).lowercased()
        }
    }
}

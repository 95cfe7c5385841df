import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// File-system side of opening a database (SPEC §8): parent directory 0700, database file and
/// its WAL/SHM side files 0600, and a header check that refuses a file which is not SQLite
/// before SQLite could write anything to it.
enum DatabaseFile {
    /// Creates the parent directory (and missing ancestors) with mode 0700 when it is missing.
    static func ensureParentDirectory(of path: String) throws {
        let parent = (path as NSString).deletingLastPathComponent
        guard !parent.isEmpty else { return }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw StorageError.cannotOpen(path: path, reason: "\(parent) is not a directory")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw StorageError.cannotOpen(path: path, reason: "cannot create directory \(parent): \(error.localizedDescription)")
        }
    }

    /// Creates an empty file with mode 0600 unless one exists. Returns true when it created it.
    @discardableResult
    static func createIfMissing(_ path: String) throws -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd >= 0 {
            close(fd)
            return true
        }
        let code = errno
        if code == EEXIST { return false }
        throw StorageError.cannotOpen(path: path, reason: String(cString: strerror(code)))
    }

    /// The 16-byte magic string every SQLite 3 database starts with.
    private static let magic = Array("SQLite format 3\0".utf8)

    /// Refuses a non-empty file that does not start with the SQLite header (NOTADB), without
    /// modifying it. An empty file is a new database.
    static func checkHeader(_ path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StorageError.cannotOpen(path: path, reason: "the file cannot be read")
        }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 100)) ?? Data()
        if head.isEmpty { return }
        guard head.count == 100, Array(head.prefix(16)) == magic else {
            throw StorageError.corruptDatabase(path: path, detail: "missing SQLite header")
        }
    }

    /// Sets mode 0600 on the database and whichever of its side files exist.
    static func restrictPermissions(_ path: String) {
        for file in [path, path + "-wal", path + "-shm", path + "-journal"] {
            _ = chmod(file, 0o600)
        }
    }
}

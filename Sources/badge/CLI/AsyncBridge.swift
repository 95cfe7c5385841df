import Dispatch

/// Runs async work from the synchronous CLI and waits for it. Called from nonisolated code only,
/// so the work runs on the global executor, never on the main actor that this thread blocks
/// (ARCHITECTURE §3: no background tasks started from top-level `main.swift` code).
enum AsyncBridge {
    private final class Box<T: Sendable>: @unchecked Sendable {
        var result: Result<T, any Error>?
    }

    static func run<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let box = Box<T>()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            do { box.result = .success(try await body()) } catch { box.result = .failure(error) }
            done.signal()
        }
        done.wait()
        return try box.result!.get()
    }
}

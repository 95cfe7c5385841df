import BadgeCore
import Foundation

/// The Eventbrite + Luma simulator: a dataset, the providers' routes, a control API under
/// `/_sim/`, fault injection, rate limits and live changes, served by `HTTPServer` on 127.0.0.1.
///
/// Thread-safe: one lock guards all state; handlers hold it only while building a response
/// (delays happen outside it). In-process callers (tests, `badge demo`) use the Swift methods,
/// which mirror the control API.
public final class ProviderSimulator: @unchecked Sendable {
    public let config: SimulatorConfig
    let lock = NSLock()
    var dataset: SimulatorDataset
    var revoked: Set<Provider> = []
    var rates: [Provider: RateWindow]
    var faults: [FaultRule] = []
    var faultRandom: SplitMix64
    var latencyRandom: SplitMix64
    var totalRequests = 0
    var routeCounts: [String: Int] = [:]
    var skewSeconds: Int64 = 0
    /// Numeric base of Eventbrite ids (organization, user) for this seed.
    let seedBase: Int64
    private var server: HTTPServer?
    private var liveTimer: DispatchSourceTimer?
    /// Wall clock in epoch seconds; replaceable so tests can pin time.
    let clock: @Sendable () -> Double

    public init(config: SimulatorConfig = SimulatorConfig()) {
        self.config = config
        self.clock = { Date().timeIntervalSince1970 }
        dataset = SimulatorDataset(seed: config.seed, eventsPerProvider: config.events,
                                   attendeesPerEvent: config.attendees, reference: config.referenceDate)
        seedBase = dataset.seedBase
        rates = [.eventbrite: RateWindow(limit: config.eventbriteRateLimit,
                                         windowSeconds: config.eventbriteRateWindowSeconds),
                 .luma: RateWindow(limit: config.lumaRateLimit, windowSeconds: config.lumaRateWindowSeconds)]
        faultRandom = SplitMix64(seed: SplitMix64.hash(config.seed, 0xFA))
        latencyRandom = SplitMix64(seed: SplitMix64.hash(config.seed, 0x1A7))
    }

    deinit { stop() }

    // MARK: lifecycle

    /// Starts serving on 127.0.0.1 and returns the bound port (the ephemeral one when `port` is 0).
    @discardableResult
    public func start() throws -> Int {
        if let server { return Int(server.port) }
        let server = HTTPServer(port: config.port, maxConnections: config.maxConnections) { [weak self] request in
            self?.handle(request) ?? ServerResponse(status: 503)
        }
        let port = try server.start()
        locked { self.server = server }
        if config.liveRate > 0 { startLiveChanges(perMinute: config.liveRate) }
        return Int(port)
    }

    /// Stops live changes and the server; idempotent.
    public func stop() {
        let (timer, server) = locked { () -> (DispatchSourceTimer?, HTTPServer?) in
            defer { self.liveTimer = nil; self.server = nil }
            return (self.liveTimer, self.server)
        }
        timer?.cancel()
        server?.stop()
    }

    /// The bound port, 0 before `start()`.
    public var port: Int { locked { Int(server?.port ?? 0) } }

    /// `http://127.0.0.1:PORT/v3` for Eventbrite, `http://127.0.0.1:PORT` for Luma.
    public func baseURL(for provider: Provider) -> String {
        switch provider {
        case .eventbrite: return "http://127.0.0.1:\(port)/v3"
        case .luma: return "http://127.0.0.1:\(port)"
        }
    }

    /// The accepted credential of a provider.
    public func credential(for provider: Provider) -> String {
        provider == .eventbrite ? config.eventbriteToken : config.lumaKey
    }

    func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Provider time in epoch seconds: the wall clock plus the configured skew.
    var now: Int64 { Int64(clock()) + skewSeconds }

    // MARK: live changes

    /// Changes the live-change rate while running (0 stops live changes).
    public func setLiveRate(_ perMinute: Double) {
        let old = locked { () -> DispatchSourceTimer? in
            defer { liveTimer = nil }
            return liveTimer
        }
        old?.cancel()
        if perMinute > 0, locked({ server != nil }) { startLiveChanges(perMinute: perMinute) }
    }

    private func startLiveChanges(perMinute: Double) {
        let interval = 60.0 / perMinute
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "badge.simulator.live"))
        timer.schedule(deadline: .now() + interval, repeating: interval, leeway: .milliseconds(10))
        timer.setEventHandler { [weak self] in _ = self?.tick() }
        locked { liveTimer = timer }
        timer.resume()
    }

    /// Applies `count` live changes now (what the live timer does once per period).
    @discardableResult
    public func tick(count: Int = 1) -> [LiveChange] {
        locked {
            (0..<max(0, count)).compactMap { _ in dataset.liveTick(now: now) }
        }
    }

    // MARK: request pipeline

    func handle(_ request: ServerRequest) -> ServerResponse {
        if request.path.hasPrefix("/_sim/") || request.path == "/_sim" { return control(request) }
        let provider: Provider
        if request.path.hasPrefix("/v3/") || request.path == "/v3" {
            provider = .eventbrite
        } else if request.path.hasPrefix("/v1/") || request.path.hasPrefix("/public/v1/") {
            provider = .luma
        } else {
            return .json(404, #"{"message":"Not found","code":null}"#)
        }
        enum Plan {
            case answer(ServerResponse)
            case route(SimulatorDataset, [(name: String, value: String)], Int, ServerResponse.Misbehaviour?, Bool)
        }
        // Under the lock: counts, faults, auth and rate limit, and an O(1) copy-on-write
        // snapshot of the data. Encoding the page happens outside it, so connections run in parallel.
        let plan: Plan = locked {
            totalRequests += 1
            routeCounts[routeKey(provider, request), default: 0] += 1
            var delay = nextLatencyMs()
            var misbehaviour: ServerResponse.Misbehaviour?
            var malformed = false
            if let fault = takeFault(provider, request.path) {
                switch fault {
                case .status(let status, let body):
                    var response = providerError(provider, status: status, body: body)
                    response.delayMs = delay
                    return .answer(response)
                case .delay(let ms): delay += ms
                case .reset: misbehaviour = .reset
                case .truncated: misbehaviour = .truncated
                case .malformed: malformed = true
                }
            }
            var headers: [(name: String, value: String)] = []
            switch provider {
            case .eventbrite:
                if var refusal = eventbriteGate(request) {
                    refusal.delayMs = delay
                    refusal.misbehaviour = misbehaviour
                    return .answer(refusal)
                }
            case .luma:
                switch lumaGate(request) {
                case .success(let rateHeaders): headers = rateHeaders
                case .failure(let refusal):
                    var response = refusal.response
                    response.delayMs = delay
                    response.misbehaviour = misbehaviour
                    return .answer(response)
                }
            }
            return .route(dataset, headers, delay, misbehaviour, malformed)
        }
        let data: SimulatorDataset, headers: [(name: String, value: String)], delay: Int
        let misbehaviour: ServerResponse.Misbehaviour?, malformed: Bool
        switch plan {
        case .answer(let response): return response
        case .route(let d, let h, let ms, let m, let bad): (data, headers, delay, misbehaviour, malformed) = (d, h, ms, m, bad)
        }
        var response = provider == .eventbrite ? eventbriteRoute(request, data) : lumaRoute(request, data)
        response.headers += headers
        response.delayMs += delay
        response.misbehaviour = misbehaviour
        if malformed {
            response.body = Array(response.body.prefix(max(1, response.body.count * 3 / 5)))
            if response.body.first != UInt8(ascii: "{") { response.body = Array(#"{"entries":[{"id":"#.utf8) }
        }
        return response
    }

    /// Configured latency with ±20 % deterministic jitter.
    func nextLatencyMs() -> Int {
        guard config.latencyMs > 0 else { return 0 }
        let spread = max(1, config.latencyMs * 2 / 5)
        return max(0, config.latencyMs - spread / 2 + latencyRandom.below(spread + 1))
    }

    private func takeFault(_ provider: Provider, _ path: String) -> FaultRule.Kind? {
        for i in faults.indices where faults[i].matches(provider: provider, path: path) {
            if let next = faults[i].next {
                guard next > 0 else { continue }
                faults[i].next = next - 1
                let kind = faults[i].kind
                if next == 1 { faults.remove(at: i) }
                return kind
            }
            if let p = faults[i].probability, faultRandom.chance(p) { return faults[i].kind }
        }
        return nil
    }

    /// A route name for request counts, ids replaced by `{id}`: `GET /v3/events/{id}/orders/`.
    func routeKey(_ provider: Provider, _ request: ServerRequest) -> String {
        let parts = request.path.split(separator: "/", omittingEmptySubsequences: false).map { part -> String in
            if part.allSatisfy(\.isNumber), !part.isEmpty { return "{id}" }
            if part.hasPrefix("evt-") || part.hasPrefix("gst-") { return "{id}" }
            return String(part)
        }
        return "\(request.method) \(parts.joined(separator: "/"))"
    }

    /// The provider's own error body for a status (injected faults, unknown routes).
    func providerError(_ provider: Provider, status: Int, body: String?) -> ServerResponse {
        if let body { return .json(status, body) }
        switch provider {
        case .eventbrite:
            let code: String
            switch status {
            case 400: code = "BAD_REQUEST"
            case 401: code = "INVALID_AUTH"
            case 403: code = "NOT_AUTHORIZED"
            case 404: code = "NOT_FOUND"
            case 429: code = "HIT_RATE_LIMIT"
            case 503: code = "SERVICE_UNAVAILABLE"
            default: code = "INTERNAL_ERROR"
            }
            return eventbriteError(status, code, "Simulated \(code.lowercased().replacingOccurrences(of: "_", with: " ")).")
        case .luma:
            var response = lumaError(status, status >= 500 ? "Internal server error" : "Simulated error \(status)")
            if status == 429 { response.headers.append(("Retry-After", "60")) }
            return response
        }
    }

    func eventbriteError(_ status: Int, _ code: String, _ description: String) -> ServerResponse {
        var w = JSONWriter(capacity: 128)
        w.beginObject()
        w.string("error", code)
        w.string("error_description", description)
        w.int("status_code", status)
        w.endObject()
        return .json(status, w.text)
    }

    func lumaError(_ status: Int, _ message: String) -> ServerResponse {
        var w = JSONWriter(capacity: 96)
        w.beginObject()
        w.string("message", message)
        w.null("code")
        w.endObject()
        return .json(status, w.text)
    }
}

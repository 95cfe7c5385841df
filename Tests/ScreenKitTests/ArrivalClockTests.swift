import Testing
import ScreenKit

/// A late input thread may join keys into one burst, never split a scanner's burst (SPEC §10).
@Suite struct ArrivalClockTests {
    @Test func aPromptReadIsStampedWithItsOwnTime() {
        var c = ArrivalClock(start: 10.000)
        c.pollTimedOut(started: 10.000, waited: 0.010)
        #expect(abs(c.read(started: 10.014, readAt: 10.0141) - 10.0141) < 1e-9)
        #expect(abs(c.quiet - 10.014) < 1e-9)
    }

    @Test func aLateReadIsStampedWithTheEarliestPossibleArrival() {
        var c = ArrivalClock(start: 10.000)
        _ = c.read(started: 10.000, readAt: 10.0001)  // key 1 of a 50 ms scanner
        c.pollTimedOut(started: 10.001, waited: 0.010)
        c.pollTimedOut(started: 10.011, waited: 0.010)
        // The thread is descheduled from 10.021 to 10.140; key 2 arrived at 10.050.
        let stamp = c.read(started: 10.140, readAt: 10.1401)
        #expect(abs(stamp - 10.021) < 1e-9, "not 10.140: a gap of 140 ms would split the scan")
        #expect(stamp - 10.0001 < 0.075)
    }

    @Test func theHorizonOnlyAdvancesWhereSilenceIsProven() {
        var c = ArrivalClock(start: 5.0)
        c.pollTimedOut(started: 5.0, waited: 0.010)
        #expect(abs(c.quiet - 5.010) < 1e-9)
        c.pollTimedOut(started: 5.002, waited: 0.010)  // overlapping rounds never move it back
        #expect(abs(c.quiet - 5.012) < 1e-9)
        _ = c.read(started: 5.3, readAt: 5.31)
        #expect(abs(c.quiet - 5.3) < 1e-9)
    }
}

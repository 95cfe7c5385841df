import Testing
@testable import Auth

@Suite struct PINHasherTests {
    @Test func hashesAreSaltedCryptStringsThatVerify() throws {
        let a = try PINHasher.hash("4821")
        let b = try PINHasher.hash("4821")
        #expect(a.hasPrefix("$y$") || a.hasPrefix("$6$"))
        #expect(a != b, "two hashes of one PIN must differ by salt")
        #expect(!a.contains("4821"))
        #expect(PINHasher.verify("4821", against: a))
        #expect(PINHasher.verify("4821", against: b))
        #expect(!PINHasher.verify("4822", against: a))
        #expect(!PINHasher.verify("", against: a))
    }

    @Test func garbageHashesNeverVerify() {
        #expect(!PINHasher.verify("4821", against: ""))
        #expect(!PINHasher.verify("4821", against: "*"))
        #expect(!PINHasher.verify("4821", against: "$y$nonsense"))
    }

    @Test func pinsAreFourToTwelveDigits() {
        #expect(throws: PINHasher.Failure.self) { try PINHasher.hash("123") }
        #expect(throws: PINHasher.Failure.self) { try PINHasher.hash("12ab") }
        #expect(throws: PINHasher.Failure.self) { try PINHasher.hash("1234567890123") }
        #expect(throws: Never.self) { try PINHasher.validate("123456789012") }
    }

    @Test func constantTimeEqualsComparesWholeArrays() {
        #expect(PINHasher.constantTimeEquals([1, 2, 3], [1, 2, 3]))
        #expect(!PINHasher.constantTimeEquals([1, 2, 3], [1, 2, 4]))
        #expect(!PINHasher.constantTimeEquals([1, 2, 3], [1, 2]))
        #expect(!PINHasher.constantTimeEquals([], [0]))
    }
}

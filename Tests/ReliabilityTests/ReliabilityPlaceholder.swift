import Testing

@Test func reliabilityTargetBuilds() {
    #expect(Bool(true))
}

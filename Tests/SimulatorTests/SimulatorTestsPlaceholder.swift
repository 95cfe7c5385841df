import Testing

@Test func SimulatorPackageBuilds() {
    #expect(Bool(true))
}

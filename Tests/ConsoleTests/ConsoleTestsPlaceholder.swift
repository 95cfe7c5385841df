import Testing

@Test func ConsolePackageBuilds() {
    #expect(Bool(true))
}

import Testing

@Test func EndToEndPackageBuilds() {
    #expect(Bool(true))
}

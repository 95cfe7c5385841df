import Testing

@Test func BadgeCorePackageBuilds() {
    #expect(Bool(true))
}

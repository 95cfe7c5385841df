import Testing

@Test func ProvidersPackageBuilds() {
    #expect(Bool(true))
}

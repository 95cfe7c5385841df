import Testing

@Test func PrintingPackageBuilds() {
    #expect(Bool(true))
}

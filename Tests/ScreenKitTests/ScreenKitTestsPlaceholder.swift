import Testing

@Test func ScreenKitPackageBuilds() {
    #expect(Bool(true))
}

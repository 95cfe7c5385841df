import Testing

@Test func SyncPackageBuilds() {
    #expect(Bool(true))
}

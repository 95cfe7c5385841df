import Testing

@Test func StoragePackageBuilds() {
    #expect(Bool(true))
}

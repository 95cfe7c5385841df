import Testing

/// Every reliability suite runs inside this one, one test at a time: the soak measures this
/// process's resident memory, which tests running beside it would distort, and the crash tests
/// time their kills on a machine that should not be busier than it has to be.
@Suite(.serialized) enum Reliability {}

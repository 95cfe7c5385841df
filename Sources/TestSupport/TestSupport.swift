// TestSupport module: see ARCHITECTURE.md §2. Contents arrive with their issues.

// The real PostgreSQL servers of the tests (PostgresTestServer, PostgresTestCluster) live in
// LocalPostgres, which `badge demo --shared` uses too; tests reach them through TestSupport.
@_exported import LocalPostgres

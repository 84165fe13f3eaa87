/**
 * Deprecations fail the tests: pg 8 only warns (once per process) about what pg 9 refuses,
 * e.g. a second query on a connection that is still busy (Promise.all inside a transaction).
 */
process.throwDeprecation = true;

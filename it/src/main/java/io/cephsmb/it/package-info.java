/**
 * Integration tests and the benchmark harness; the tests live in src/test (issue 7 adds the
 * harness).
 */
package io.cephsmb.it;

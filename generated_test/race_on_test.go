//go:build race

package generated_test

// raceEnabled: with the race detector, sync.Pool drops some of what is put
// back on purpose, so counts of allocations behind a pool do not hold.
const raceEnabled = true

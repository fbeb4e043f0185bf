//go:build unix

package search

import (
	"syscall"
	"time"
)

// processCPU returns the CPU time (user and system) the process has used so
// far. Benchmarks report it per operation because, on a shared machine,
// wall time also counts the time other processes hold the cores.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

#if os(Linux)
func runBenchmark() { print("benchmark done") }
#endif

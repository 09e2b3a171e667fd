/// Times a block over several runs and reports the best and median.
struct Measurement {
    var best: Duration
    var median: Duration

    static func time(runs: Int, _ body: () -> Void) -> Measurement {
        var durations: [Duration] = []
        let clock = ContinuousClock()
        for _ in 0..<runs {
            durations.append(clock.measure(body))
        }
        durations.sort()
        return Measurement(best: durations[0], median: durations[durations.count / 2])
    }
}

extension Duration {
    var milliseconds: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
    }

    var nanoseconds: Double {
        Double(components.seconds) * 1e9 + Double(components.attoseconds) / 1e9
    }
}

import Dispatch
import Locking

/// Renders files on every core: rendering is most of generation's time, and each file is
/// independent. The order of the result is the order of the jobs, so output stays deterministic.
enum ConcurrentRendering {
    static func run(_ jobs: [@Sendable () -> GeneratedFile]) -> [GeneratedFile] {
        ConcurrentMap.run(jobs.count) { jobs[$0]() }
    }
}

/// `body` of 0..<count on every core, the results in index order; work is handed out in
/// chunks, so a cheap `body` does not wait on the lock for each index.
enum ConcurrentMap {
    static func run<Result: Sendable>(_ count: Int, _ body: @Sendable (Int) -> Result) -> [Result] {
        let chunk = max(1, count / 64)
        let chunks = (count + chunk - 1) / chunk
        let results = Results<Result>(count: count)
        DispatchQueue.concurrentPerform(iterations: chunks) { part in
            let range = part * chunk..<min(count, (part + 1) * chunk)
            results.store(range.map(body), at: range.lowerBound)
        }
        return results.values
    }

    private final class Results<Value: Sendable>: Sendable {
        private let slots: Locked<[Value?]>

        init(count: Int) {
            slots = Locked(Array(repeating: nil, count: count))
        }

        func store(_ values: [Value], at start: Int) {
            slots.withLock { slots in
                for (offset, value) in values.enumerated() { slots[start + offset] = value }
            }
        }

        /// Every slot, once every job has stored its value.
        var values: [Value] {
            slots.withLock { $0.compactMap { $0 } }
        }
    }
}

import Dispatch
import Foundation

/// Renders files on every core: rendering is most of generation's time, and each file is
/// independent. The order of the result is the order of the jobs, so output stays deterministic.
enum ConcurrentRendering {
    static func run(_ jobs: [@Sendable () -> GeneratedFile]) -> [GeneratedFile] {
        let results = Results(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            results.store(jobs[index](), at: index)
        }
        return results.files
    }

    private final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [GeneratedFile?]

        init(count: Int) {
            slots = Array(repeating: nil, count: count)
        }

        func store(_ file: GeneratedFile, at index: Int) {
            lock.withLock { slots[index] = file }
        }

        var files: [GeneratedFile] {
            lock.withLock { slots.map { $0! } }
        }
    }
}

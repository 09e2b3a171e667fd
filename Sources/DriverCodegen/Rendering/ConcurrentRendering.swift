import Dispatch
import Locking

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

    private final class Results: Sendable {
        private let slots: Locked<[GeneratedFile?]>

        init(count: Int) {
            slots = Locked(Array(repeating: nil, count: count))
        }

        func store(_ file: GeneratedFile, at index: Int) {
            slots.withLock { $0[index] = file }
        }

        /// Every slot, once every job has stored its file.
        var files: [GeneratedFile] {
            slots.withLock { $0.compactMap { $0 } }
        }
    }
}

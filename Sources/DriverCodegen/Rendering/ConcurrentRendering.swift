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

    /// Starts `jobs` one after another on another thread, so that the caller can prepare more
    /// work meanwhile; `files` waits for them.
    static func start(_ jobs: [@Sendable () -> GeneratedFile]) -> Started {
        let started = Started(results: Results(count: jobs.count))
        DispatchQueue.global().async(group: started.group) {
            for (index, job) in jobs.enumerated() {
                started.results.store(job(), at: index)
            }
        }
        return started
    }

    /// Jobs rendering on another thread.
    struct Started: Sendable {
        fileprivate let results: Results
        fileprivate let group = DispatchGroup()

        /// The files, in the order of the jobs, once all are rendered.
        var files: [GeneratedFile] {
            group.wait()
            return results.files
        }
    }

    fileprivate final class Results: @unchecked Sendable {
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

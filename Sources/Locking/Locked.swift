#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A value only touched while a mutex is held: the one lock of this package (runtime,
/// simulator, VFIO host, generator and tests).
///
/// A pthread mutex rather than `Synchronization.Mutex`: ThreadSanitizer intercepts pthread
/// locks, so the sanitizer runs in CI see this synchronisation and report only real races.
/// Like `Mutex`, it takes the value as `sending` and hands it to the body as `inout sending`,
/// so what goes in or comes out cannot stay shared with the caller's region.
// Safe to share: `value` is read and written only inside `withLock`, under `mutex`, and it
// entered the lock as `sending`, so no other reference to it remains outside.
package final class Locked<Value>: @unchecked Sendable {
    // The mutex serialises access; the runtime's exclusivity check would only repeat it.
    // Usable from inlinable code so that `withLock` is specialised where it is called: every
    // simulated register access takes a lock.
    @exclusivity(unchecked) @usableFromInline var value: Value
    @usableFromInline let mutex: UnsafeMutablePointer<pthread_mutex_t>

    package init(_ value: sending Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` with the value, holding the lock.
    @inlinable package func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}

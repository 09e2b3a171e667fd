import Dispatch
import Locking

/// A value built once, by whoever asks for it first (another asking meanwhile waits for it), or
/// started early on another thread (`buildInBackground`). Parts of a view model that only some
/// files render are then built while files render on every core, not before rendering starts;
/// the template set and the first files are built on another core while this one does other work.
final class Deferred<Value: Sendable>: Sendable {
    private let state: Locked<State>

    private enum State {
        case pending(@Sendable () -> Value)
        case built(Value)
    }

    init(_ build: @escaping @Sendable () -> Value) {
        state = Locked(.pending(build))
    }

    /// Starts building on another thread now, for a value wanted later.
    func buildInBackground() {
        DispatchQueue.global().async { _ = self.value }
    }

    var value: Value {
        state.withLock { state in
            switch state {
            case .built(let value):
                return value
            case .pending(let build):
                let value = build()
                state = .built(value)
                return value
            }
        }
    }
}

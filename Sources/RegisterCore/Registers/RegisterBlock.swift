/// A block of registers at fixed offsets on one bus: a BAR, or configuration space.
/// Generated code gives each BAR one, with a property per register.
public protocol RegisterBlock {
    associatedtype Bus: RegisterBus
    var bus: Bus { get }
    init(bus: Bus)
}

/// How a driver turns an interrupt source on and off at the device, worked out from the
/// source's `enable` (1 enables) or `mask` (1 masks) reference and the aliases of its register:
/// a read-modify-write of a read-write field, or writes of 1 to a write-1-to-set and a
/// write-1-to-clear address of the same state (IMS / IMC, INTMS / INTMC).
public struct SourceSwitch: Sendable {
    /// One way to set (to 1) or clear (to 0) the named bits.
    public enum Operation: Sendable {
        /// Read-modify-write `field` of `register`, bits to 1 (`to: true`) or 0.
        case modify(register: RegisterSpec, field: FieldSpec, bit: Int?, to: Bool)
        /// Write 1 to the bits at `register` (a primary register or an alias), whose access
        /// (`w1s`, `w1c`, `rc-w1c`) does the setting or clearing.
        case writeOnes(register: RegisterSpec, field: FieldSpec, bit: Int?)
    }

    /// What turns the source on (enables it, or unmasks it).
    public let on: Operation
    /// What turns it off.
    public let off: Operation

    /// The switch of `source`, nil when it names neither `enable` nor `mask`, or a reason when
    /// its reference cannot be both set and cleared.
    public static func of(_ source: InterruptSource, in spec: DeviceSpec) -> Result<SourceSwitch, SwitchProblem>? {
        guard let reference = source.enable ?? source.mask else { return nil }
        let enables = source.enable != nil
        guard let register = spec.register(named: reference.register), let fieldName = reference.field,
            let field = register.field(named: fieldName)
        else {
            return .failure(SwitchProblem(reference: reference, message: "names no field"))
        }
        let group = spec.allRegisters.filter { $0.name == register.name || (register.aliasOf ?? register.name) == ($0.aliasOf ?? $0.name) }
        let setting = operation(setting: true, reference, register, field, group)
        let clearing = operation(setting: false, reference, register, field, group)
        guard let setting, let clearing else {
            if field.access.storesWrittenValue && !(register.isReadable && field.access.isReadable) {
                return .failure(SwitchProblem(reference: reference, message: "cannot be read back, so one source's bit cannot be changed alone"))
            }
            let missing = setting == nil ? "set to 1" : "cleared to 0"
            return .failure(SwitchProblem(reference: reference, message: "cannot be \(missing)"))
        }
        return .success(enables ? SourceSwitch(on: setting, off: clearing) : SourceSwitch(on: clearing, off: setting))
    }

    /// How to set (or clear) the bits: the named register's read-write field, a write-1 address
    /// of the same state whose access does it, or another readable read-write address of it.
    private static func operation(
        setting: Bool, _ reference: FieldReference, _ register: RegisterSpec, _ field: FieldSpec, _ group: [RegisterSpec]
    ) -> Operation? {
        if [.rw, .rw1].contains(field.access) && register.isReadable {
            return .modify(register: register, field: field, bit: reference.bit, to: setting)
        }
        let candidates = [register] + group.filter { $0.name != register.name }
        for candidate in candidates {
            guard let same = candidate.field(named: field.name) else { continue }
            let acts = setting ? same.access == .w1s : [.w1c, .rcW1c].contains(same.access)
            if acts { return .writeOnes(register: candidate, field: same, bit: reference.bit) }
        }
        // No address writes it: a read-modify-write of another readable address of the state.
        for candidate in candidates.dropFirst() {
            guard let same = candidate.field(named: field.name), [.rw, .rw1].contains(same.access), candidate.isReadable else { continue }
            return .modify(register: candidate, field: same, bit: reference.bit, to: setting)
        }
        return nil
    }
}

/// Why a source's `enable` or `mask` cannot be used both ways.
public struct SwitchProblem: Error, Sendable {
    public let reference: FieldReference
    public let message: String
}

import Mustache

/// One file of register value types. A large spec's types are spread over files of about
/// the same amount of code, so that a debug build compiles them in parallel (the compiler
/// batches files by count, not size) and an optimized one generates code on several threads;
/// a small spec has one file.
struct RegisterFileViewModel: MustacheParent {
    /// About 4,000 lines of Swift.
    static let weightPerFile = 4000

    let device: DeviceViewModel
    let registers: [RegisterViewModel]

    /// The files of `device`'s registers, in order; always at least one.
    static func files(of device: DeviceViewModel) -> [RegisterFileViewModel] {
        var chunks: [[RegisterViewModel]] = [[]]
        var weight = 0
        for var register in device.registers.value {
            if weight >= weightPerFile {
                chunks.append([])
                weight = 0
            }
            register.separator = !chunks[chunks.count - 1].isEmpty
            chunks[chunks.count - 1].append(register)
            weight += register.weight
        }
        return chunks.map { RegisterFileViewModel(device: device, registers: $0) }
    }

    /// `Registers.swift` first, then `Registers2.swift`, `Registers3.swift`, ...
    static func fileName(namespace: String, number: Int) -> String {
        number == 0 ? "\(namespace)Registers.swift" : "\(namespace)Registers\(number + 1).swift"
    }

    func child(named name: String) -> Any? {
        name == "registers" ? registers : device.child(named: name)
    }
}

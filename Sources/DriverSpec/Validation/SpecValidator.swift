/// Checks a decoded spec against the language's rules, reporting every broken rule at once.
struct SpecValidator {
    let spec: DeviceSpec
    let sink: DiagnosticSink
    /// Elements that failed to decode: references to them are not reported again.
    let brokenNames: Set<String>

    func validate() {
        checkIdentity()
        checkBars()
        checkConfigSpace()
        checkNames()
        checkNamesHaveLetters()
        for register in spec.allRegisters {
            checkRegister(register)
        }
        checkEffects()
        checkInterrupts()
        checkStructures()
        checkRings()
    }
}

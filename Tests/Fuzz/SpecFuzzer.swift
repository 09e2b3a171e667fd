// libFuzzer entry point over the spec front end: YAML loading, decoding, validation, and the
// semantic diff of a valid spec with itself. Built and run by Tests/Fuzz/run-fuzzer.
import DriverDiff
import DriverSpec
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSpecLoader(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let result = SpecLoader.load(data: Data(bytes: bytes, count: count), file: "fuzz.yaml")
    // Every diagnostic is located in the file.
    for diagnostic in result.diagnostics {
        precondition(
            diagnostic.location.file == "fuzz.yaml" && diagnostic.location.line >= 1 && diagnostic.location.column >= 1,
            "badly located diagnostic: \(diagnostic)")
    }
    // A model comes back exactly when there is no error.
    precondition((result.spec == nil) == result.diagnostics.hasErrors, "model and errors disagree")
    if let spec = result.spec {
        // A valid spec does not differ from itself.
        precondition(SpecDiff.compare(spec, spec).isEmpty, "a spec differs from itself")
    }
    return 0
}

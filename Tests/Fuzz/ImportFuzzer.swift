// libFuzzer entry point over `drivergen import`'s front end: the XML reader (limits, DTD
// refusal, UTF-8 check), the SVD and IP-XACT readers, translation, YAML writing, the
// validation of what was written and its reading back through libyaml. Built and run by `Tests/Fuzz/run-fuzzer SECONDS xml`.
import DriverImport
import DriverSpec
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzImporter(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    for format in ImportFormat.allCases {
        let result = SpecImporter.importData(data, file: "fuzz.xml", format: format)
        for diagnostic in result.diagnostics {
            precondition(diagnostic.location.line >= 1 && diagnostic.location.column >= 1, "badly located diagnostic: \(diagnostic)")
        }
        // Every string the importer writes reads back through libyaml as it was written.
        precondition(
            !result.diagnostics.contains { $0.message.hasPrefix("the imported spec does not read back") },
            "a written string reads back differently: \(result.diagnostics)")
        // A spec comes back exactly when there is no error: what the importer writes validates.
        precondition((result.text == nil) == result.diagnostics.hasErrors, "spec and errors disagree")
        if let text = result.text {
            precondition(SpecImporter.importData(data, file: "fuzz.xml", format: format).text == text, "two imports differ")
        }
    }
    return 0
}

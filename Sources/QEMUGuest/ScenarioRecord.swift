/// One scenario's result as the machine-readable line `drivergen qemu` reads from the console:
/// `drivergen-scenario: {"name":"...","result":"pass","milliseconds":12,"failures":[]}`.
public struct ScenarioRecord: Sendable, Equatable {
    /// What starts every record line.
    public static let prefix = "drivergen-scenario: "

    public var name: String
    public var passed: Bool
    public var milliseconds: Int64
    public var failures: [String]

    public init(name: String, passed: Bool, milliseconds: Int64, failures: [String]) {
        self.name = name
        self.passed = passed
        self.milliseconds = milliseconds
        self.failures = failures
    }

    /// The console line.
    public var line: String {
        let list = failures.map(Self.quoted).joined(separator: ",")
        return Self.prefix + "{\"name\":\(Self.quoted(name)),\"result\":\"\(passed ? "pass" : "fail")\",\"milliseconds\":\(milliseconds),\"failures\":[\(list)]}"
    }

    /// JSON string literal, without Foundation (the guest executable stays small).
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let digits = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

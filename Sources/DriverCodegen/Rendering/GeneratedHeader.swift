/// The header of every file `generate` owns. It carries `OutputDirectory.generatedMarker`, by
/// which later runs recognise the files they may replace or remove.
enum GeneratedHeader {
    /// The sentence itself, without comment syntax (property lists wrap it in `<!-- -->`).
    static func text(specFileName: String) -> String {
        "\(OutputDirectory.generatedMarker) from \(specFileName). Do not edit: change the spec and run `drivergen generate`."
    }

    /// The header of a file generated once for the user to edit (a driver, interrupt handlers).
    static func userSwiftComment(specFileName: String) -> String {
        "// Created by drivergen from \(specFileName), once. This file is yours: `drivergen generate` never overwrites it."
    }

    /// The header as a Swift line comment.
    static func swiftComment(specFileName: String) -> String {
        "// " + text(specFileName: specFileName)
    }
}

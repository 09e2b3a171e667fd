import DriverSpec

/// `drivergen docs`: a static HTML reference of specs, opened from `file://` with no network.
/// Each device gets a folder: an overview with search, a page per BAR, peripheral or
/// configuration space, the search index, and the style sheet and script; the site's
/// `index.html` lists the devices. The same specs give the same bytes.
public enum DocsSite {
    /// One file of the site, by its path in the output folder.
    public struct File: Sendable, Equatable {
        public let path: String
        public let contents: String
    }

    public static func files(for specs: [DeviceSpec]) -> [File] {
        var files: [File] = []
        var devices: [DeviceReference] = []
        for spec in specs.sorted(by: { $0.name < $1.name }) {
            let device = DeviceReference(spec)
            devices.append(device)
            let folder = device.name
            files.append(File(path: "\(folder)/index.html", contents: ReferencePages.overview(device)))
            for block in device.blocks {
                for number in block.pages.indices {
                    files.append(File(path: "\(folder)/\(block.fileName(page: number))", contents: ReferencePages.block(block, page: number, of: device)))
                }
            }
            files.append(File(path: "\(folder)/search-index.js", contents: ReferencePages.searchIndex(device)))
            files.append(File(path: "\(folder)/docs.css", contents: DocsAssets.css))
            files.append(File(path: "\(folder)/docs.js", contents: DocsAssets.js))
        }
        files.append(File(path: "index.html", contents: siteIndex(devices)))
        return files
    }

    private static func siteIndex(_ devices: [DeviceReference]) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Register reference</title></head>
        <body style="font: 15px/1.45 sans-serif; margin: 2em;">
        <h1>Register reference</h1>
        <ul>
        \(devices.map { "<li><a href=\"\(HTMLText.escaped($0.name))/index.html\">\(HTMLText.escaped($0.title))</a>\($0.description.map { ": " + HTMLText.escaped($0) } ?? "")</li>" }.joined(separator: "\n"))
        </ul>
        </body>
        </html>

        """
    }
}

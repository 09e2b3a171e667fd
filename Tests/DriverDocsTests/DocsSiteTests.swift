import DriverDocs
import DriverSpec
import Foundation
import TestSupport
import Testing

/// `drivergen docs`: the site's files, its determinism, deep links, and names that could break
/// out of HTML. (A real browser checks the script: Tests/Docs/check-in-chromium.py in .ci/run.)
@Suite struct DocsSiteTests {
    static func bundledSpecs() throws -> [DeviceSpec] {
        try SpecLoader.specFiles(in: Repository.root.appendingPathComponent("Specs").path).map { path in
            try #require(SpecLoader.load(path: path).spec)
        }
    }

    @Test func everyBundledSpecGetsAnOverviewABlockPageAndItsAssets() throws {
        let files = try DocsSite.files(for: Self.bundledSpecs())
        let paths = Set(files.map(\.path))
        #expect(paths.contains("index.html"))
        for folder in ["BoltStore", "E1000e", "Edu", "Ivshmem", "NRF51", "NVMe"] {
            for file in ["index.html", "search-index.js", "docs.css", "docs.js"] {
                #expect(paths.contains("\(folder)/\(file)"), "\(folder)/\(file)")
            }
        }
        #expect(paths.contains("Edu/bar0.html") && paths.contains("NRF51/uart0.html") && paths.contains("NRF51/ficr.html"))
        // No file reaches out: no network, no absolute paths.
        for file in files {
            #expect(!file.contents.contains("http://") && !file.contents.contains("https://") && !file.contents.contains("file://"), "\(file.path)")
        }
    }

    @Test func theSameSpecsGiveTheSameBytes() throws {
        let specs = try Self.bundledSpecs()
        #expect(DocsSite.files(for: specs) == DocsSite.files(for: specs.reversed()))
    }

    @Test func deepLinksAreUniqueAndTheSearchIndexPointsAtThem() throws {
        let files = try DocsSite.files(for: Self.bundledSpecs())
        let page = try #require(files.first { $0.path == "Edu/bar0.html" }).contents
        let ids = page.matches(of: /id="([^"]+)"/).map { String($0.output.1) }
        #expect(Set(ids).count == ids.count, "duplicate ids")
        #expect(ids.contains("bar0.status") && ids.contains("bar0.status.computing") && ids.contains("bar0.status.computing/decoded"))
        let index = try #require(files.first { $0.path == "Edu/search-index.js" }).contents
        #expect(index.contains(#"["status.computing","field, bits 0","bar0.html#bar0.status.computing"]"#))
        // Every link of the index lands on an id of its page.
        for match in index.matches(of: /"(bar0\.html)#([^"]+)"/) {
            #expect(ids.contains(String(match.output.2)), "\(match.output.2)")
        }
    }

    @Test func aBigBlockIsSplitIntoPagesAndLinksFindTheRightOne() throws {
        let spec = try #require(SpecLoader.load(text: LargeSpecText.registers(600), file: "large.yaml").spec)
        let files = DocsSite.files(for: [spec])
        let pages = files.filter { $0.path.hasPrefix("Large/bar0") }
        #expect(pages.count > 1)
        #expect(pages.allSatisfy { $0.contents.utf8.count < 600_000 })
        let index = try #require(files.first { $0.path == "Large/search-index.js" }).contents
        for match in index.matches(of: /"(bar0(?:-\d+)?\.html)#(bar0\.[a-z0-9_-]+)"/) {
            let page = try #require(pages.first { $0.path == "Large/\(match.output.1)" })
            #expect(page.contents.contains("id=\"\(match.output.2)\""), "\(match.output.2) is not on \(match.output.1)")
        }
    }

    /// Names and descriptions that would be markup if printed as they are.
    static let hostileSpec = #"""
        name: Hostile
        description: "<script>alert('device')</script> & more"
        pci: { vendor: 0x1234, device: 0x0001 }
        driver: { bundle-id: com.example.hostile }
        bars:
          - index: 0
            name: regs
            type: mem32
            size: 0x100
            description: "\" onerror=\"alert(1)"
            registers:
              - name: "ctl<b>"
                offset: 0
                description: "</script><script>alert(2)</script>"
                fields:
                  - { name: mode, bits: "1:0", description: "<img src=x onerror=alert(3)>", enum: [{ name: "a</option>", value: 0 }, { name: b, value: 1 }] }
        """#

    @Test func hostileNamesAndDescriptionsStayText() throws {
        let spec = try #require(SpecLoader.load(text: Self.hostileSpec, file: "hostile.yaml").spec)
        let files = DocsSite.files(for: [spec])
        for file in files {
            for markup in ["<script>alert", "</script><script>", "<img src=x", "\" onerror=\"", "<b>", "a</option>"] {
                #expect(!file.contents.contains(markup), "\(file.path) carries \(markup) as markup")
            }
        }
        let overview = try #require(files.first { $0.path == "Hostile/index.html" }).contents
        #expect(overview.contains("&lt;script&gt;alert(&#39;device&#39;)&lt;/script&gt; &amp; more"))
        let page = try #require(files.first { $0.path == "Hostile/bar0.html" }).contents
        #expect(page.contains("ctl&lt;b&gt;") && page.contains("&lt;img src=x onerror=alert(3)&gt;") && page.contains("a&lt;/option&gt;"))
        let index = try #require(files.first { $0.path == "Hostile/search-index.js" }).contents
        #expect(index.contains(#""ctl\u003cb\u003e""#))
    }
}

/// A one-BAR spec of `count` registers with fields, as a chip imported in the PCI form is.
enum LargeSpecText {
    static func registers(_ count: Int) -> String {
        var text = "name: Large\npci: { vendor: 0x1234, device: 0x0001 }\ndriver: { bundle-id: com.example.large }\nbars:\n"
        text += "  - { index: 0, name: regs, type: mem32, size: 0x10000, registers: [\n"
        for index in 0..<count {
            text +=
                "      { name: r\(index), offset: \(index * 4), fields: [{ name: a, bits: \"3:0\" }, { name: b, bits: 4 }, { name: c, bits: \"15:8\", enum: [{ name: x, value: 1 }, { name: y, value: 2 }] }] },\n"
        }
        return text + "    ] }\n"
    }
}

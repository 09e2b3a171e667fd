import DriverSpec

/// The HTML pages of one device's reference: an overview with search, and a page per block
/// with each register's diagram, fields and value decoder.
enum ReferencePages {
    static func overview(_ device: DeviceReference) -> String {
        var body = "<h1>\(HTMLText.escaped(device.title))</h1>\n"
        if let description = device.description { body += "<p>\(HTMLText.escaped(description))</p>\n" }
        body += "<table class=\"facts\"><tbody>\n"
        for (label, value) in device.facts {
            body += "<tr><th scope=\"row\">\(HTMLText.escaped(label))</th><td>\(HTMLText.escaped(value))</td></tr>\n"
        }
        body += "</tbody></table>\n<h2>Registers</h2>\n<ul class=\"blocks\">\n"
        for block in device.blocks {
            body +=
                "<li><a href=\"\(block.fileName(page: 0))\">\(HTMLText.escaped(block.title))</a>: \(HTMLText.escaped(block.detail)), "
                + "\(block.registers.count) register\(block.registers.count == 1 ? "" : "s")</li>\n"
        }
        body += "</ul>\n"
        if !device.interrupts.isEmpty {
            body +=
                "<h2>Interrupts</h2>\n<ul>\n" + device.interrupts.map { "<li><strong>\(HTMLText.escaped($0.name))</strong>: \(HTMLText.escaped($0.detail))</li>\n" }.joined()
                + "</ul>\n"
        }
        if !device.structures.isEmpty {
            body +=
                "<h2>DMA structures and rings</h2>\n<ul>\n"
                + device.structures.map { "<li><strong>\(HTMLText.escaped($0.name))</strong>: \(HTMLText.escaped($0.detail))</li>\n" }.joined() + "</ul>\n"
        }
        return page(title: device.title, device: device, body: body)
    }

    /// Page `number` of `block`.
    static func block(_ block: BlockReference, page number: Int, of device: DeviceReference) -> String {
        let pages = block.pages
        var body = "<p class=\"breadcrumb\"><a href=\"index.html\">\(HTMLText.escaped(device.title))</a></p>\n"
        body += "<h1>\(HTMLText.escaped(block.title))\(pages.count > 1 ? " (\(number + 1) of \(pages.count))" : "")</h1>\n"
        body += "<p>\(HTMLText.escaped(block.detail))</p>\n"
        if let description = block.description { body += "<p>\(HTMLText.escaped(description))</p>\n" }
        body += legend
        if pages.count > 1 {
            body +=
                "<nav aria-label=\"Pages\"><ol class=\"pages\">\n"
                + pages.enumerated().map { index, range in
                    let range = "\(block.registers[range.lowerBound].name) … \(block.registers[range.upperBound - 1].name)"
                    return index == number
                        ? "<li aria-current=\"page\"><strong>\(HTMLText.escaped(range))</strong></li>\n"
                        : "<li><a href=\"\(block.fileName(page: index))\">\(HTMLText.escaped(range))</a></li>\n"
                }.joined() + "</ol></nav>\n"
        }
        body +=
            "<nav aria-label=\"Registers\"><ul class=\"register-index\">\n"
            + block.registers[pages[number]].map {
                "<li><a href=\"#\(HTMLText.escaped($0.id))\">\(HTMLText.escaped($0.name))</a> <span class=\"offset\">\(Hex.string($0.offset))</span></li>\n"
            }.joined()
            + "</ul></nav>\n"
        for register in block.registers[pages[number]] { body += section(register, in: block) }
        return page(title: "\(device.title): \(block.title)", device: device, body: body)
    }

    private static let legend = """
        <details class="legend"><summary>Legend</summary><svg class="bitfield" role="img" aria-label="Access kinds" viewBox="0 0 560 36" width="560" height="36">
        <g class="field access-rw"><rect x="1" y="4" width="100" height="28"/><text x="51" y="23">read-write</text></g>
        <g class="field access-ro"><rect x="111" y="4" width="100" height="28"/><text x="161" y="23">read-only</text></g>
        <g class="field access-wo"><rect x="221" y="4" width="100" height="28"/><text x="271" y="23">write-only</text></g>
        <g class="field access-w1c"><rect x="331" y="4" width="110" height="28"/><text x="386" y="23">write actions</text></g>
        <g class="reserved"><rect x="451" y="4" width="100" height="28"/></g><text class="legend-reserved" x="501" y="23">reserved</text>
        </svg></details>

        """

    private static func section(_ register: RegisterReference, in block: BlockReference) -> String {
        let id = HTMLText.escaped(register.id)
        let fields =
            "["
            + register.fields.map { field in
                "{\"name\":\(HTMLText.jsonString(field.name)),\"lsb\":\(field.bits.lsb),\"width\":\(field.bits.width),\"flags\":\(field.isFlags),"
                    + "\"values\":[" + field.values.map { "[\(HTMLText.jsonString($0.name)),\"\($0.value)\"]" }.joined(separator: ",") + "]}"
            }.joined(separator: ",") + "]"
        var html = "<section class=\"register\" id=\"\(id)\" data-width=\"\(register.width)\" data-fields=\"\(HTMLText.escaped(fields))\">\n"
        html += "<h2><a href=\"#\(id)\">\(HTMLText.escaped(register.name))</a> <span class=\"offset\">\(Hex.string(register.offset))</span></h2>\n"
        html +=
            "<p class=\"meta\">\(register.width) bits, \(HTMLText.escaped(register.access)), reset <code>\(Hex.string(register.reset))</code>"
            + (register.array.map { ", an array: \(HTMLText.escaped($0))" } ?? "") + "</p>\n"
        if let alias = register.aliasOf {
            html += "<p>Another address of <a href=\"\(HTMLText.escaped(block.link(to: alias.id, anchor: alias.id)))\">\(HTMLText.escaped(alias.name))</a>, with its fields.</p>\n"
        }
        if let description = register.description { html += "<p>\(HTMLText.escaped(description))</p>\n" }
        html += BitfieldDiagram.svg(register) + "\n"
        html +=
            "<p class=\"decoder\"><label for=\"\(id)/value\">Decode a value</label> "
            + "<input id=\"\(id)/value\" class=\"value\" type=\"text\" spellcheck=\"false\" autocomplete=\"off\" placeholder=\"0x\(String(repeating: "0", count: register.width / 4))\"> "
            + "<span class=\"hint\">or set fields below to build one</span></p>\n"
        html +=
            "<table class=\"fields\"><thead><tr><th scope=\"col\">Bits</th><th scope=\"col\">Field</th><th scope=\"col\">Access</th>"
            + "<th scope=\"col\">Reset</th><th scope=\"col\">Decoded</th><th scope=\"col\">Set</th><th scope=\"col\">Description</th></tr></thead><tbody>\n"
        for field in register.fields {
            let fieldID = HTMLText.escaped(field.id)
            html += "<tr id=\"\(fieldID)\" data-field=\"\(HTMLText.escaped(field.name))\"><td>\(field.bits)</td>"
            html += "<td><a href=\"#\(fieldID)\">\(HTMLText.escaped(field.name))</a></td><td>\(HTMLText.escaped(field.access))</td>"
            html += "<td><code>\(Hex.string(field.reset))</code></td><td><output class=\"decoded\" id=\"\(fieldID)/decoded\" for=\"\(id)/value\"></output></td><td>"
            let label = "<label class=\"visually-hidden\" for=\"\(fieldID)/input\">\(HTMLText.escaped("Set \(field.name)"))</label>"
            if !field.values.isEmpty && !field.isFlags {
                html +=
                    label + "<select id=\"\(fieldID)/input\" class=\"field-input\" data-field=\"\(HTMLText.escaped(field.name))\">"
                    + field.values.map { "<option value=\"\($0.value)\">\(HTMLText.escaped($0.name))</option>" }.joined() + "</select>"
            } else {
                html +=
                    label
                    + "<input id=\"\(fieldID)/input\" class=\"field-input\" data-field=\"\(HTMLText.escaped(field.name))\" type=\"text\" size=\"8\" spellcheck=\"false\" autocomplete=\"off\">"
            }
            html += "</td><td>"
            if let description = field.description { html += "<p>\(HTMLText.escaped(description))</p>" }
            if !field.values.isEmpty {
                html +=
                    "<ul class=\"values\">"
                    + field.values.map { value in
                        "<li id=\"\(fieldID).\(HTMLText.escaped(DeviceReference.id(value.name)))\"><code>\(field.isFlags ? "bit \(value.value)" : Hex.string(value.value))</code> \(HTMLText.escaped(value.name))</li>"
                    }.joined() + "</ul>"
            }
            html += "</td></tr>\n"
        }
        return html + "</tbody></table>\n</section>\n"
    }

    private static func page(title: String, device: DeviceReference, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTMLText.escaped(title))</title>
        <link rel="stylesheet" href="docs.css">
        <script src="search-index.js" defer></script>
        <script src="docs.js" defer></script>
        </head>
        <body>
        <header><a class="home" href="index.html">\(HTMLText.escaped(device.title)) register reference</a>
        <form role="search" onsubmit="return false"><label for="search">Search registers, fields and values</label>
        <input id="search" type="search" autocomplete="off" spellcheck="false"></form></header>
        <div id="search-panel" hidden><p id="search-count" aria-live="polite"></p><ul id="search-results"></ul></div>
        <main>
        \(body)</main>
        </body>
        </html>

        """
    }

    /// `SEARCH_INDEX`: every register, field and named value: label, what it is, link.
    static func searchIndex(_ device: DeviceReference) -> String {
        var entries: [String] = []
        for block in device.blocks {
            for (index, register) in block.registers.enumerated() {
                let page = block.fileName(ofRegister: index) + "#"
                entries.append(
                    "[\(HTMLText.jsonString(register.name)),\(HTMLText.jsonString("register in \(block.title), \(Hex.string(register.offset))")),\(HTMLText.jsonString(page + register.id))]"
                )
                for field in register.fields where !(register.fields.count == 1 && field.name == "value") {
                    entries.append(
                        "[\(HTMLText.jsonString(register.name + "." + field.name)),\(HTMLText.jsonString("field, bits \(field.bits)")),\(HTMLText.jsonString(page + field.id))]")
                    for value in field.values {
                        entries.append(
                            "[\(HTMLText.jsonString(register.name + "." + field.name + "." + value.name)),\(HTMLText.jsonString(field.isFlags ? "flag, bit \(value.value)" : "value \(Hex.string(value.value))")),\(HTMLText.jsonString(page + field.id + "." + DeviceReference.id(value.name)))]"
                        )
                    }
                }
            }
        }
        return "// Generated by drivergen docs. Every register, field and value: label, kind, link.\nconst SEARCH_INDEX = [\n" + entries.joined(separator: ",\n") + "\n];\n"
    }
}

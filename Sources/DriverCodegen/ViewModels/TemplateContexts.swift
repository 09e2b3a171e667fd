import Mustache

// Templates look values up by name. Answering from a switch instead of letting the renderer
// reflect over each struct (Mirror) makes rendering several times faster on large specs.
// A name a view model does not have returns nil, so Mustache looks further up its context stack.
// `docCommentN` is `docLines` as one text, each line indented by N spaces and ended: one lookup
// where iterating `docLines` costs one per line (docs/benchmarks.md, `generate`).

extension DeviceViewModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "header": header
        case "namespace": namespace
        case "docLines": docLines
        case "docComment4", "docComment8", "docComment12": DocComment.block(docLines, key: name)
        case "registers": registers.value
        case "blocks": blocks.value
        case "layout": layout.value
        case "peripherals": microcontroller?.peripherals
        case "hasPeripherals": microcontroller != nil
        default: nil
        }
    }
}

extension RegisterViewModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "docLines": docLines
        case "docComment4", "docComment8", "docComment12": DocComment.block(docLines, key: name)
        case "typeName": typeName
        case "rawType": rawType
        case "resetValue": resetValue
        case "writeOneActionMask": writeOneActionMask
        case "writeZeroActionMask": writeZeroActionMask
        case "fields": fields
        case "enums": enums
        case "flagSets": flagSets
        case "actions": actions
        case "fieldSet": fieldSet
        case "layoutReference": layoutReference
        case "ownerTypeName": typeName
        case "separator": separator
        case "accessPlan": accessPlan
        case "halfType": halfType
        case "sharedType": sharedType
        case "isShared": isShared
        default: nil
        }
    }
}

extension FieldViewModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "docLines": docLines
        case "docComment4", "docComment8", "docComment12": DocComment.block(docLines, key: name)
        case "name": self.name
        case "type": type
        case "getter": getter
        case "setter": setter
        default: nil
        }
    }
}

extension EnumViewModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "docLines": docLines
        case "docComment4", "docComment8", "docComment12": DocComment.block(docLines, key: name)
        case "typeName": typeName
        case "rawType": rawType
        case "cases": cases
        case "hasUnknown": hasUnknown
        case "leadingCases": leadingCases
        case "lastCase": lastCase
        case "valueMask": valueMask
        case "layoutReference": layoutReference
        case "layoutLines": layoutLines
        case "hasLayoutLines": !layoutLines.isEmpty
        // Register enums get `description` in hosted builds (the registers file's
        // `#if !hasFeature(Embedded)` part); a structure's enums live in hosted code already.
        case "conformance": layoutLines.isEmpty ? "RegisterCore.FieldEnumeration" : "DriverRuntime.DescribedFieldEnumeration"
        case "sharedType": sharedType
        case "isShared": isShared
        default: nil
        }
    }
}

extension EnumViewModel.Case: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "docLines": docLines
        case "docComment4", "docComment8", "docComment12": DocComment.block(docLines, key: name)
        case "name": self.name
        case "value": value
        default: nil
        }
    }
}

extension FieldSetViewModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "typeName": typeName
        case "purpose": purpose
        case "options": options
        default: nil
        }
    }
}

extension ActionViewModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "purpose": purpose
        case "typeName": typeName
        case "method": method
        case "verb": verb
        case "options": options
        case "writeOnes": writeOnes
        case "writeZeros": writeZeros
        default: nil
        }
    }
}

extension ActionViewModel.Option: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "mask": mask
        case "shift": shift
        default: nil
        }
    }
}

extension FlagSetViewModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "docLines": docLines
        case "docComment4", "docComment8", "docComment12": DocComment.block(docLines, key: name)
        case "typeName": typeName
        case "rawType": rawType
        case "flags": flags
        case "namedMask": namedMask
        default: nil
        }
    }
}

extension FlagSetViewModel.Flag: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "docLines": docLines
        case "docComment4", "docComment8", "docComment12": DocComment.block(docLines, key: name)
        case "name": self.name
        case "label": label
        case "mask": mask
        default: nil
        }
    }
}

extension BlockViewModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "docLines": docLines
        case "docComment4", "docComment8", "docComment12": DocComment.block(docLines, key: name)
        case "typeName": typeName
        case "barIndex": barIndex
        case "members": members
        case "separator": separator
        default: nil
        }
    }
}

extension BlockViewModel.Member: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "docLines": docLines
        case "docComment4", "docComment8", "docComment12": DocComment.block(docLines, key: name)
        case "name": self.name
        case "isArray": isArray
        case "aliasAction": aliasAction
        case "valueType": valueType
        case "access": access
        case "offset": offset
        case "count": count
        case "stride": stride
        default: nil
        }
    }
}

extension LayoutViewModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "vendor": vendor
        case "devices": devices
        case "revision": revision
        case "classCode": classCode
        case "subsystemVendor": subsystemVendor
        case "subsystem": subsystem
        case "tunnelCompatible": tunnelCompatible
        case "pauseCompatible": pauseCompatible
        case "isStorage": isStorage
        case "bars": bars
        case "configTable": configTable
        case "hasConfigRegisters": hasConfigRegisters
        case "interrupts": interrupts
        case "capabilityOffset": capabilityOffset
        default: nil
        }
    }
}

extension LayoutViewModel.Bar: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "index": index
        case "name": self.name
        case "is64Bit": is64Bit
        case "prefetchable": prefetchable
        case "size": size
        case "table": table
        case "tableProperty": tableProperty
        default: nil
        }
    }
}

extension LayoutViewModel.Interrupts: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "kind": kind
        case "vectors": vectors
        case "perVectorMasking": perVectorMasking
        case "addresses64Bit": addresses64Bit
        case "msixTable": msixTable
        case "msixPBA": msixPBA
        case "sources": sources
        default: nil
        }
    }
}

extension LayoutViewModel.Source: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "vector": vector
        case "status": status
        case "acknowledge": acknowledge
        case "enable": enable
        default: nil
        }
    }
}

// Most values templates print are strings. Mustache tries a string against several protocols
// (template, lambda, optional, streamable) before printing it; a renderable string is printed at
// the second try. About 5% fewer instructions for a whole generation (callgrind, RP2040).
// Retroactive, but harmless here: this module is not a library product, so only the generator's
// own process sees the conformance, and the text printed is the string itself, as before.
extension String: @retroactive MustacheCustomRenderable {
    public var renderText: String { self }
    public var isNull: Bool { false }
}

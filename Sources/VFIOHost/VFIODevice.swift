#if os(Linux)
import CVFIO
import DriverRuntime
import Locking
import Glibc

/// A PCI function opened through VFIO: its container (type-1 IOMMU), group and device file,
/// with the regions (BARs, configuration space) and interrupts the kernel reports. Closing it
/// (`close()` or deinit) gives everything back.
public final class VFIODevice: Sendable {
    /// A region of the device file: a BAR or configuration space.
    public struct Region: Sendable {
        public let index: Int
        /// Bytes; 0 when the BAR is not implemented.
        public let size: UInt64
        /// Where the region starts in the device file.
        public let fileOffset: UInt64
        public let isReadable: Bool
        public let isWritable: Bool
        public let isMappable: Bool
        /// Parts that may be mapped when not all of it may (offset, size); nil when all of it may.
        public let sparseAreas: [(offset: UInt64, size: UInt64)]?
    }

    public let address: PCIAddress
    public let group: Int
    let containerFD: Int32
    let groupFD: Int32
    let deviceFD: Int32
    /// BARs 0...5 and configuration space (index 7), by VFIO region index.
    public let regions: [Int: Region]
    /// Vectors the kernel offers per interrupt index (MSI = 1, MSI-X = 2).
    public let interruptCounts: [Int: Int]
    /// Device addresses the IOMMU can translate.
    public let iovaRanges: [ClosedRange<UInt64>]
    private let closed = Locked(false)

    /// VFIO's region index of configuration space.
    public static let configRegionIndex = Int(VFIO_PCI_CONFIG_REGION_INDEX)
    static let msiIndex = UInt32(VFIO_PCI_MSI_IRQ_INDEX)
    static let msixIndex = UInt32(VFIO_PCI_MSIX_IRQ_INDEX)

    /// Opens `address`, binding it to `vfio-pci` first when `bind` is true.
    public init(address: PCIAddress, bind: Bool = false) throws(VFIOError) {
        self.address = address
        if bind { try VFIOBinding.bind(address) }
        try VFIOBinding.checkBound(address)
        group = try VFIOBinding.iommuGroup(of: address)

        containerFD = open("/dev/vfio/vfio", O_RDWR | O_CLOEXEC)
        guard containerFD >= 0 else {
            let code = errno
            throw code == ENOENT
                ? VFIOError("/dev/vfio/vfio is missing: load VFIO with `modprobe vfio-pci` (as root)")
                : .system("opening /dev/vfio/vfio", code)
        }
        var opened: [Int32] = [containerFD]
        func fail(_ error: VFIOError) -> VFIOError {
            for fd in opened.reversed() { Glibc.close(fd) }
            return error
        }
        guard drivergen_ioctl(containerFD, DRIVERGEN_VFIO_GET_API_VERSION) == VFIO_API_VERSION else {
            throw fail(VFIOError("the kernel's VFIO API version is not \(VFIO_API_VERSION)"))
        }
        let iommuType: UInt =
            drivergen_ioctl_value(containerFD, DRIVERGEN_VFIO_CHECK_EXTENSION, UInt(VFIO_TYPE1v2_IOMMU)) > 0
            ? UInt(VFIO_TYPE1v2_IOMMU) : UInt(VFIO_TYPE1_IOMMU)
        guard drivergen_ioctl_value(containerFD, DRIVERGEN_VFIO_CHECK_EXTENSION, iommuType) > 0 else {
            throw fail(VFIOError("the kernel offers no type-1 IOMMU for VFIO: load vfio_iommu_type1 (`modprobe vfio_iommu_type1`)"))
        }

        let groupPath = "/dev/vfio/\(group)"
        groupFD = open(groupPath, O_RDWR | O_CLOEXEC)
        guard groupFD >= 0 else {
            let code = errno
            switch code {
            case EACCES, EPERM:
                throw fail(
                    VFIOError(
                        "\(groupPath): permission denied. Run as root, or give your user the group: chown $USER \(groupPath) (and raise the locked-memory limit for DMA: ulimit -l)"
                    ))
            case EBUSY:
                throw fail(VFIOError("\(groupPath) is busy: another process has the group open"))
            default:
                throw fail(.system("opening \(groupPath)", code))
            }
        }
        opened.append(groupFD)
        var status = vfio_group_status(argsz: UInt32(MemoryLayout<vfio_group_status>.size), flags: 0)
        guard drivergen_ioctl_pointer(groupFD, DRIVERGEN_VFIO_GROUP_GET_STATUS, &status) == 0 else {
            throw fail(.system("VFIO_GROUP_GET_STATUS", errno))
        }
        guard status.flags & UInt32(VFIO_GROUP_FLAGS_VIABLE) != 0 else {
            throw fail(VFIOError("IOMMU group \(group) is not viable: bind every function in /sys/kernel/iommu_groups/\(group)/devices to vfio-pci"))
        }
        var container = containerFD
        guard drivergen_ioctl_pointer(groupFD, DRIVERGEN_VFIO_GROUP_SET_CONTAINER, &container) == 0 else {
            throw fail(.system("VFIO_GROUP_SET_CONTAINER", errno))
        }
        guard drivergen_ioctl_value(containerFD, DRIVERGEN_VFIO_SET_IOMMU, iommuType) == 0 else {
            throw fail(.system("VFIO_SET_IOMMU (type \(iommuType))", errno))
        }
        let name = address.description
        let openedGroup = groupFD
        deviceFD = name.withCString { drivergen_ioctl_pointer(openedGroup, DRIVERGEN_VFIO_GROUP_GET_DEVICE_FD, UnsafeMutableRawPointer(mutating: $0)) }
        guard deviceFD >= 0 else { throw fail(.system("VFIO_GROUP_GET_DEVICE_FD \(name)", errno)) }
        opened.append(deviceFD)

        var info = vfio_device_info()
        info.argsz = UInt32(MemoryLayout<vfio_device_info>.size)
        guard drivergen_ioctl_pointer(deviceFD, DRIVERGEN_VFIO_DEVICE_GET_INFO, &info) == 0 else {
            throw fail(.system("VFIO_DEVICE_GET_INFO", errno))
        }
        guard info.flags & UInt32(VFIO_DEVICE_FLAGS_PCI) != 0 else { throw fail(VFIOError("\(address) is not a PCI device to VFIO")) }

        var regions: [Int: Region] = [:]
        for index in 0..<min(Int(info.num_regions), Self.configRegionIndex + 1) {
            if let region = Self.regionInfo(deviceFD, index: index) { regions[index] = region }
        }
        guard regions[Self.configRegionIndex] != nil else { throw fail(VFIOError("VFIO reports no configuration space for \(address)")) }
        self.regions = regions

        var counts: [Int: Int] = [:]
        for index in [Self.msiIndex, Self.msixIndex] where index < info.num_irqs {
            var irq = vfio_irq_info()
            irq.argsz = UInt32(MemoryLayout<vfio_irq_info>.size)
            irq.index = index
            if drivergen_ioctl_pointer(deviceFD, DRIVERGEN_VFIO_DEVICE_GET_IRQ_INFO, &irq) == 0 { counts[Int(index)] = Int(irq.count) }
        }
        interruptCounts = counts
        iovaRanges = Self.iovaRanges(containerFD)
    }

    deinit {
        close()
    }

    /// Closes the device, group and container files. Later calls do nothing.
    public func close() {
        let first = closed.withLock { closed -> Bool in
            defer { closed = true }
            return !closed
        }
        guard first else { return }
        Glibc.close(deviceFD)
        Glibc.close(groupFD)
        Glibc.close(containerFD)
    }

    // MARK: Region I/O (pread / pwrite, exactly the width asked)

    /// Reads `width` bits at `offset` of region `index`; nil when the kernel refuses.
    func read(region index: Int, offset: UInt64, width: Int) -> UInt64? {
        guard let region = regions[index], offset + UInt64(width / 8) <= region.size else { return nil }
        var value: UInt64 = 0
        let count = withUnsafeMutableBytes(of: &value) { pread(deviceFD, $0.baseAddress, width / 8, off_t(region.fileOffset + offset)) }
        return count == width / 8 ? UInt64(littleEndian: value) : nil
    }

    /// Writes the low `width` bits of `value` at `offset` of region `index`; false when refused.
    @discardableResult
    func write(region index: Int, offset: UInt64, width: Int, value: UInt64) -> Bool {
        guard let region = regions[index], offset + UInt64(width / 8) <= region.size else { return false }
        var little = value.littleEndian
        let count = withUnsafeBytes(of: &little) { pwrite(deviceFD, $0.baseAddress, width / 8, off_t(region.fileOffset + offset)) }
        return count == width / 8
    }

    /// Maps `size` bytes of region `index` from `offset`, or nil.
    func map(region index: Int, offset: UInt64, size: UInt64) -> UnsafeMutableRawPointer? {
        guard let region = regions[index] else { return nil }
        let protection = (region.isReadable ? PROT_READ : 0) | (region.isWritable ? PROT_WRITE : 0)
        let pointer = mmap(nil, Int(size), protection, MAP_SHARED, deviceFD, off_t(region.fileOffset + offset))
        guard let pointer, pointer != MAP_FAILED else { return nil }
        return pointer
    }

    // MARK: Interrupts

    /// Routes vectors 0..<fds.count of MSI (`msix` false) or MSI-X to the eventfds.
    func enableInterrupts(msix: Bool, eventFDs: [Int32]) throws(VFIOError) {
        let result = eventFDs.withUnsafeBufferPointer {
            drivergen_vfio_set_irq_eventfds(deviceFD, msix ? Self.msixIndex : Self.msiIndex, UInt32($0.count), $0.baseAddress)
        }
        guard result == 0 else { throw .system("VFIO_DEVICE_SET_IRQS (\(msix ? "MSI-X" : "MSI") x\(eventFDs.count))", errno) }
    }

    /// Turns MSI or MSI-X off.
    func disableInterrupts(msix: Bool) {
        _ = drivergen_vfio_disable_irqs(deviceFD, msix ? Self.msixIndex : Self.msiIndex)
    }

    // MARK: DMA

    /// Makes `size` bytes at `memory` reachable by the device at `iova`.
    func mapDMA(memory: UnsafeMutableRawPointer, iova: UInt64, size: UInt64, deviceReads: Bool, deviceWrites: Bool) throws(VFIOError) {
        var map = vfio_iommu_type1_dma_map()
        map.argsz = UInt32(MemoryLayout<vfio_iommu_type1_dma_map>.size)
        map.flags = (deviceReads ? UInt32(VFIO_DMA_MAP_FLAG_READ) : 0) | (deviceWrites ? UInt32(VFIO_DMA_MAP_FLAG_WRITE) : 0)
        map.vaddr = UInt64(UInt(bitPattern: memory))
        map.iova = iova
        map.size = size
        guard drivergen_ioctl_pointer(containerFD, DRIVERGEN_VFIO_IOMMU_MAP_DMA, &map) == 0 else {
            let code = errno
            throw code == ENOMEM
                ? VFIOError("VFIO_IOMMU_MAP_DMA of \(size) bytes failed: out of locked memory. Raise the limit (ulimit -l) or run as root")
                : .system("VFIO_IOMMU_MAP_DMA of \(size) bytes at 0x\(String(iova, radix: 16))", code)
        }
    }

    func unmapDMA(iova: UInt64, size: UInt64) {
        var unmap = vfio_iommu_type1_dma_unmap()
        unmap.argsz = UInt32(MemoryLayout<vfio_iommu_type1_dma_unmap>.size)
        unmap.iova = iova
        unmap.size = size
        _ = drivergen_ioctl_pointer(containerFD, DRIVERGEN_VFIO_IOMMU_UNMAP_DMA, &unmap)
    }

    // MARK: Queries

    private static func regionInfo(_ device: Int32, index: Int) -> Region? {
        var info = vfio_region_info()
        info.argsz = UInt32(MemoryLayout<vfio_region_info>.size)
        info.index = UInt32(index)
        guard drivergen_ioctl_pointer(device, DRIVERGEN_VFIO_DEVICE_GET_REGION_INFO, &info) == 0 else { return nil }
        var sparse: [(UInt64, UInt64)]?
        if info.flags & UInt32(VFIO_REGION_INFO_FLAG_CAPS) != 0 && info.argsz > UInt32(MemoryLayout<vfio_region_info>.size) {
            // Ask again with room for the capability chain, and look for the sparse-mmap one.
            let size = Int(info.argsz)
            let raw = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 8)
            defer { raw.deallocate() }
            raw.initializeMemory(as: UInt8.self, repeating: 0, count: size)
            raw.storeBytes(of: UInt32(size), toByteOffset: 0, as: UInt32.self)
            raw.storeBytes(of: UInt32(index), toByteOffset: MemoryLayout<vfio_region_info>.offset(of: \.index)!, as: UInt32.self)
            if drivergen_ioctl_pointer(device, DRIVERGEN_VFIO_DEVICE_GET_REGION_INFO, raw) == 0 {
                let full = raw.load(as: vfio_region_info.self)
                var offset = Int(full.cap_offset)
                while offset != 0 && offset + 8 <= size {
                    let header = raw.load(fromByteOffset: offset, as: vfio_info_cap_header.self)
                    if header.id == UInt16(VFIO_REGION_INFO_CAP_SPARSE_MMAP) {
                        let areas = Int(raw.load(fromByteOffset: offset + 8, as: UInt32.self))
                        sparse = (0..<areas).compactMap { area in
                            let at = offset + 16 + area * 16
                            guard at + 16 <= size else { return nil }
                            return (raw.load(fromByteOffset: at, as: UInt64.self), raw.load(fromByteOffset: at + 8, as: UInt64.self))
                        }
                    }
                    offset = Int(header.next)
                }
            }
        }
        return Region(
            index: index, size: info.size, fileOffset: info.offset,
            isReadable: info.flags & UInt32(VFIO_REGION_INFO_FLAG_READ) != 0,
            isWritable: info.flags & UInt32(VFIO_REGION_INFO_FLAG_WRITE) != 0,
            isMappable: info.flags & UInt32(VFIO_REGION_INFO_FLAG_MMAP) != 0,
            sparseAreas: sparse)
    }

    /// The IOVA ranges of the container's IOMMU, or everything when the kernel does not say.
    private static func iovaRanges(_ container: Int32) -> [ClosedRange<UInt64>] {
        var info = vfio_iommu_type1_info()
        info.argsz = UInt32(MemoryLayout<vfio_iommu_type1_info>.size)
        guard drivergen_ioctl_pointer(container, DRIVERGEN_VFIO_IOMMU_GET_INFO, &info) == 0,
            info.flags & UInt32(VFIO_IOMMU_INFO_CAPS) != 0, info.argsz > UInt32(MemoryLayout<vfio_iommu_type1_info>.size)
        else { return [0...UInt64.max] }
        let size = Int(info.argsz)
        let raw = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 8)
        defer { raw.deallocate() }
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: size)
        raw.storeBytes(of: UInt32(size), toByteOffset: 0, as: UInt32.self)
        guard drivergen_ioctl_pointer(container, DRIVERGEN_VFIO_IOMMU_GET_INFO, raw) == 0 else { return [0...UInt64.max] }
        let full = raw.load(as: vfio_iommu_type1_info.self)
        var offset = Int(full.cap_offset)
        while offset != 0 && offset + 8 <= size {
            let header = raw.load(fromByteOffset: offset, as: vfio_info_cap_header.self)
            if header.id == UInt16(VFIO_IOMMU_TYPE1_INFO_CAP_IOVA_RANGE) {
                let count = Int(raw.load(fromByteOffset: offset + 8, as: UInt32.self))
                let ranges: [ClosedRange<UInt64>] = (0..<count).compactMap { index in
                    let at = offset + 16 + index * 16
                    guard at + 16 <= size else { return nil }
                    let start = raw.load(fromByteOffset: at, as: UInt64.self), end = raw.load(fromByteOffset: at + 8, as: UInt64.self)
                    return start <= end ? start...end : nil
                }
                return ranges.isEmpty ? [0...UInt64.max] : ranges
            }
            offset = Int(header.next)
        }
        return [0...UInt64.max]
    }
}
#endif

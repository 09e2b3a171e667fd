import DriverRuntime
import DriverSimulator
import GeneratedDrivers
import Locking

/// An NVM Express controller as QEMU 7.2 emulates it (hw/nvme/ctrl.c), serving one namespace
/// from a byte array: what a driver of the bundled spec relies on beyond the access kinds.
///
/// - CAP and VS hold QEMU's values (MQES 2047, CQR, TO 15, NVM command set, NVMe 1.4).
/// - CC.EN 0 -> 1 with the admin queue registers set makes CSTS.RDY 1; 1 -> 0 resets the
///   controller (queues deleted, RDY 0). Setting CC.SHN makes CSTS.SHST "complete" at once.
/// - A submission queue's tail doorbell makes the controller read the new entries by DMA (as
///   the generated `NVMe.SubmissionEntry`), run them after `commandDuration`, write a
///   `NVMe.CompletionEntry` into the completion queue with the queue's current phase tag, and
///   send the queue's MSI-X vector.
/// - Admin commands: Identify (controller, namespace), Create and Delete I/O Submission and
///   Completion Queue. I/O commands: Read, Write (PRP1 and PRP2: two pages at most), Flush.
///   Anything else completes with Invalid Command Opcode.
public final class NVMeModel: DeviceModel {
    /// Queues by identifier (0: the admin pair).
    private struct Queue {
        var base: UInt64
        var entries: Int
        var head = 0
        var tail = 0
        /// Submission queue: its completion queue. Completion queue: unused.
        var completionQueue = 0
        /// Completion queue: the phase tag of this pass, its MSI-X vector, whether it interrupts.
        var phase = true
        var vector = 0
        var interruptsEnabled = true
    }

    private struct State {
        var submissionQueues: [Int: Queue] = [:]
        var completionQueues: [Int: Queue] = [:]
        var storage: [UInt8]
        var commands = 0
    }

    /// The serial number Identify reports (QEMU's `serial=` property).
    public let serial: String
    public let blockSize: Int
    public let blockCount: Int
    /// How long a command takes once its doorbell is written.
    public let commandDuration: Duration

    private let state: Locked<State>

    public init(serial: String = "DRIVERGEN0001", blockCount: Int = 2048, blockSize: Int = 512, commandDuration: Duration = .microseconds(20)) {
        precondition(blockSize >= 512 && blockSize & (blockSize - 1) == 0, "a block is a power of two of at least 512 bytes")
        self.serial = serial
        self.blockSize = blockSize
        self.blockCount = blockCount
        self.commandDuration = commandDuration
        state = Locked(State(storage: [UInt8](repeating: 0, count: blockCount * blockSize)))
    }

    /// `count` bytes of the namespace from byte `offset`: for a test to look at what was written.
    public func storage(at offset: Int, count: Int) -> [UInt8] {
        state.withLock { Array($0.storage[offset..<offset + count]) }
    }

    /// Commands the controller has completed.
    public var completedCommands: Int { state.withLock { $0.commands } }

    public func reset(_ device: inout DeviceContext) {
        // Read-only to a driver: the device side writes raw values.
        let capabilities: UInt64 = 2047 | 1 << 16 | 15 << 24 | 1 << 37 | 4 << 52  // MQES, CQR, TO, CSS.NVM, MPSMAX
        device.setValue(capabilities, of: "capabilities")
        device.setValue(0x0001_0400, of: "version")  // 1.4.0
    }

    public func write(bar: Int, offset: Int, width: Int, value: UInt64, _ device: inout DeviceContext) -> WriteHandling {
        guard bar == 0 else { return .apply }
        if offset == 0x14 { return writeConfiguration(NVMe.Configuration(rawValue: UInt32(truncatingIfNeeded: value)), &device) }
        guard offset >= 0x1000 && offset < 0x1000 + 65 * 8 else { return .apply }
        let queue = (offset - 0x1000) / 8, isHead = (offset - 0x1000) % 8 == 4
        let index = Int(value & 0xFFFF)
        if isHead {
            state.withLock { $0.completionQueues[queue]?.head = index }
        } else {
            let known = state.withLock { state -> Bool in
                guard state.submissionQueues[queue] != nil else { return false }
                state.submissionQueues[queue]?.tail = index
                return true
            }
            if known {
                device.schedule(after: commandDuration) { [self] device in processSubmissions(queue, &device) }
            } else {
                device.note("nvme: doorbell of submission queue \(queue), which does not exist")
            }
        }
        return .handled
    }

    // MARK: Controller configuration

    private func writeConfiguration(_ new: NVMe.Configuration, _ device: inout DeviceContext) -> WriteHandling {
        let old = NVMe.Configuration(rawValue: UInt32(truncatingIfNeeded: device.value(of: "configuration")))
        var status = DeviceStatus(rawValue: device.value(of: "status"))
        if new.enable && !old.enable {
            let attributes = NVMe.AdminQueueAttributes(rawValue: UInt32(truncatingIfNeeded: device.value(of: "adminQueueAttributes")))
            let submissionBase = device.value(of: "adminSubmissionQueueBase"), completionBase = device.value(of: "adminCompletionQueueBase")
            if submissionBase == 0 || completionBase == 0 || new.submissionEntrySize != 6 || new.completionEntrySize != 4 {
                status.fatalStatus = true  // QEMU refuses to start: CSTS.CFS
            } else {
                state.withLock { state in
                    state.submissionQueues = [0: Queue(base: submissionBase, entries: Int(attributes.submissionQueueSize) + 1)]
                    state.completionQueues = [0: Queue(base: completionBase, entries: Int(attributes.completionQueueSize) + 1)]
                }
                status.ready = true
            }
        } else if !new.enable && old.enable {
            state.withLock { state in
                state.submissionQueues.removeAll()
                state.completionQueues.removeAll()
            }
            status.ready = false
            status.shutdownStatus = .normal
        }
        if new.shutdownNotification != .none && old.shutdownNotification == .none {
            status.shutdownStatus = .complete
        } else if new.shutdownNotification == .none && old.shutdownNotification != .none {
            status.shutdownStatus = .normal
        }
        device.setValue(status.rawValue, of: "status")
        device.setValue(UInt64(new.rawValue), of: "configuration")
        return .handled
    }

    /// CSTS as the controller sets it: its fields are read-only to a driver.
    private struct DeviceStatus {
        var rawValue: UInt64

        var ready: Bool {
            get { rawValue & 1 != 0 }
            set { rawValue = newValue ? rawValue | 1 : rawValue & ~1 }
        }

        var fatalStatus: Bool {
            get { rawValue & 2 != 0 }
            set { rawValue = newValue ? rawValue | 2 : rawValue & ~2 }
        }

        var shutdownStatus: NVMe.Status.ShutdownStatus {
            get { .init(rawValue: UInt32(truncatingIfNeeded: rawValue >> 2) & 0x3) }
            set { rawValue = rawValue & ~0xC | UInt64(newValue.rawValue) << 2 }
        }
    }

    // MARK: Commands

    /// Runs every entry between the submission queue's head and its tail.
    private func processSubmissions(_ queueID: Int, _ device: inout DeviceContext) {
        while let (queue, slot) = nextSubmission(queueID) {
            guard let bytes = device.dmaRead(queue.base + UInt64(slot * NVMe.SubmissionEntry.size), count: NVMe.SubmissionEntry.size) else {
                device.note("nvme: could not read entry \(slot) of submission queue \(queueID)")
                return
            }
            let command = NVMe.SubmissionEntry(copying: bytes)
            let (result, status) = queueID == 0 ? runAdmin(command, &device) : runIO(command, &device)
            var completion = NVMe.CompletionEntry()
            completion.result = result
            completion.submissionQueueHead = UInt16((slot + 1) % queue.entries)
            completion.submissionQueueID = UInt16(queueID)
            completion.commandID = command.commandID
            completion.statusCode = status
            post(completion, to: queue.completionQueue, &device)
        }
    }

    private func nextSubmission(_ queueID: Int) -> (Queue, Int)? {
        state.withLock { state in
            guard var queue = state.submissionQueues[queueID], queue.head != queue.tail else { return nil }
            let slot = queue.head
            queue.head = (queue.head + 1) % queue.entries
            state.submissionQueues[queueID] = queue
            return (queue, slot)
        }
    }

    /// Writes `completion` into its queue with the queue's phase tag and sends the vector.
    private func post(_ completion: NVMe.CompletionEntry, to queueID: Int, _ device: inout DeviceContext) {
        let placed = state.withLock { state -> (address: UInt64, phase: Bool, vector: Int?)? in
            guard var queue = state.completionQueues[queueID] else { return nil }
            let placement = (queue.base + UInt64(queue.tail * NVMe.CompletionEntry.size), queue.phase, queue.interruptsEnabled ? queue.vector : nil)
            queue.tail += 1
            if queue.tail == queue.entries {
                queue.tail = 0
                queue.phase.toggle()
            }
            state.completionQueues[queueID] = queue
            state.commands += 1
            return placement
        }
        guard let placed else { return device.note("nvme: completion for queue \(queueID), which does not exist") }
        var entry = completion
        entry.phase = placed.phase
        device.dmaWrite(entry.byteArray, at: placed.address)
        if let vector = placed.vector { device.signal(vector: vector) }
    }

    private static let success: UInt8 = 0, invalidOpcode: UInt8 = 0x01, invalidField: UInt8 = 0x02, dataTransferError: UInt8 = 0x04
    private static let invalidQueueIdentifier: UInt8 = 0x01  // command specific, reported here as a generic failure

    private func runAdmin(_ command: NVMe.SubmissionEntry, _ device: inout DeviceContext) -> (UInt32, UInt8) {
        switch command.admin.opcode {
        case .identify:
            switch command.identify.structure {
            case .controller:
                return (0, device.dmaWrite(identifyController().byteArray, at: command.prp1) ? Self.success : Self.dataTransferError)
            case .namespace where command.namespaceID == 1:
                return (0, device.dmaWrite(identifyNamespace().byteArray, at: command.prp1) ? Self.success : Self.dataTransferError)
            default:
                return (0, Self.invalidField)
            }
        case .createIOCompletionQueue:
            let create = command.createCompletionQueue
            let id = Int(create.queueID)
            guard id > 0 && id < 65 else { return (0, Self.invalidField) }
            state.withLock { state in
                state.completionQueues[id] = Queue(
                    base: command.prp1, entries: Int(create.queueSize) + 1, vector: Int(create.interruptVector),
                    interruptsEnabled: create.interruptsEnabled)
            }
            return (0, Self.success)
        case .createIOSubmissionQueue:
            let create = command.createSubmissionQueue
            let id = Int(create.queueID), completion = Int(create.completionQueueID)
            let exists = state.withLock { $0.completionQueues[completion] != nil }
            guard id > 0 && id < 65 && exists else { return (0, Self.invalidField) }
            state.withLock { $0.submissionQueues[id] = Queue(base: command.prp1, entries: Int(create.queueSize) + 1, completionQueue: completion) }
            return (0, Self.success)
        case .deleteIOSubmissionQueue:
            let removed = state.withLock { $0.submissionQueues.removeValue(forKey: Int(command.deleteQueue.queueID)) }
            return (0, removed == nil ? Self.invalidField : Self.success)
        case .deleteIOCompletionQueue:
            let removed = state.withLock { $0.completionQueues.removeValue(forKey: Int(command.deleteQueue.queueID)) }
            return (0, removed == nil ? Self.invalidField : Self.success)
        default:
            return (0, Self.invalidOpcode)
        }
    }

    private func runIO(_ command: NVMe.SubmissionEntry, _ device: inout DeviceContext) -> (UInt32, UInt8) {
        switch command.io.opcode {
        case .flush:
            return (0, Self.success)
        case .read, .write:
            let blocks = Int(command.readWrite.blockCount) + 1
            let lba = Int(command.readWrite.startingLBA)
            guard command.namespaceID == 1, lba + blocks <= blockCount else { return (0, Self.invalidField) }
            let length = blocks * blockSize
            let pages = Self.pages(first: command.prp1, second: command.prp2, length: length)
            guard !pages.isEmpty else { return (0, Self.invalidField) }
            var offset = lba * blockSize
            for (address, count) in pages {
                if command.io.opcode == .write {
                    guard let data = device.dmaRead(address, count: count) else { return (0, Self.dataTransferError) }
                    state.withLock { $0.storage.replaceSubrange(offset..<offset + count, with: data) }
                } else {
                    let data = state.withLock { Array($0.storage[offset..<offset + count]) }
                    guard device.dmaWrite(data, at: address) else { return (0, Self.dataTransferError) }
                }
                offset += count
            }
            return (0, Self.success)
        default:
            return (0, Self.invalidOpcode)
        }
    }

    /// The memory ranges PRP1 and PRP2 give for `length` bytes (4 KiB pages), or none when it
    /// needs a PRP list.
    private static func pages(first: UInt64, second: UInt64, length: Int) -> [(UInt64, Int)] {
        let firstCount = min(length, 4096 - Int(first % 4096))
        if firstCount == length { return [(first, length)] }
        guard length - firstCount <= 4096, second % 4096 == 0, second != 0 else { return [] }
        return [(first, firstCount), (second, length - firstCount)]
    }

    // MARK: Identify data (QEMU's values)

    private func identifyController() -> NVMe.IdentifyController {
        var data = NVMe.IdentifyController()
        data.vendorID = 0x1B36
        data.subsystemVendorID = 0x1AF4
        data.serialNumber = serial
        data.modelNumber = "QEMU NVMe Ctrl"
        data.firmwareRevision = "1.0"
        data.recommendedArbitrationBurst = 6
        data.ieeeOUI = [0x00, 0x54, 0x52]
        data.maximumDataTransferSize = 7
        data.version = 0x10400
        data.submissionEntrySizeRequired = 6
        data.submissionEntrySizeMaximum = 6
        data.completionEntrySizeRequired = 4
        data.completionEntrySizeMaximum = 4
        data.numberOfNamespaces = 1
        data.optionalNVMCommands = [.writeZeroes, .datasetManagement, .timestamp]
        data.volatileWriteCache = true
        data.subsystemQualifiedName = "nqn.2019-08.org.qemu:\(serial)"
        return data
    }

    private func identifyNamespace() -> NVMe.IdentifyNamespace {
        var data = NVMe.IdentifyNamespace()
        data.namespaceSize = UInt64(blockCount)
        data.capacity = UInt64(blockCount)
        data.utilization = UInt64(blockCount)
        data.numberOfLBAFormats = 0
        data.formattedLBASize = 0
        var format = NVMe.LbaFormat()
        format.dataSize = UInt8(blockSize.trailingZeroBitCount)
        data[lbaFormats: 0] = format
        return data
    }
}

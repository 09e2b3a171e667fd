import DriverSimulator

/// Behaviour for the BoltStore example controller: enabling it makes it ready after a moment,
/// and a soft reset clears itself.
final class BoltStoreModel: DeviceModel {
    func write(bar: Int, offset: Int, width: Int, value: UInt64, _ device: inout DeviceContext) -> WriteHandling {
        guard bar == 0, offset == 0x008 else { return .apply }
        if value & 0x1 != 0 {
            device.schedule(after: .microseconds(50)) { device in
                device.setValue(device.value(of: "status") | 0b101, of: "status")  // ready, link up
                device.note("boltstore: ready")
            }
        }
        if value & 0x2 != 0 {
            device.schedule(after: .microseconds(10)) { device in
                device.setValue(device.value(of: "control") & ~0x2, of: "control")
            }
        }
        return .apply
    }
}

// Register values are plain structs; handles read and write them on a bus. Here the bus is
// memory, so the snippet runs anywhere.
import DriverRuntime
import GeneratedDrivers

@main struct RegisterValuesAndHandles {
    static func main() {
        // snippet.show
        let regs = Edu.Mmio(bus: InMemoryBus(size: 0x100))
        regs.status.modify { $0.raiseInterruptOnCompletion = true }  // one read, one write
        let status: Edu.Status = regs.status.read()
        print(status)  // Status(0x0000_0080: computing: false, raiseInterruptOnCompletion: true)
        regs.interruptAcknowledge.write { $0.factorial = true }  // write-only: no read()
        // regs.identification.write(...)                            // read-only: does not compile
        // snippet.end
        precondition(status.raiseInterruptOnCompletion)
    }
}

#!/bin/sh
# Runs on the host after the QEMU guest exits (drivergen qemu's "host-checks"), with
# DRIVERGEN_QEMU_WORK (the backing files) and DRIVERGEN_QEMU_CONSOLE (the console log) set.
# Prints one PASS or FAIL line per check.
console="$DRIVERGEN_QEMU_CONSOLE"
work="$DRIVERGEN_QEMU_WORK"

# The ivshmem scenario's driver wrote this pattern into BAR 2, the memory backend file.
expected="drivergen ivshmem pattern"
if [ "$(head -c ${#expected} "$work/ivshmem.bin")" = "$expected" ] \
    && [ "$(od -An -tx1 -j 4096 -N 8 "$work/ivshmem.bin" | tr -d ' \n')" = "0011223344556677" ]; then
    echo "PASS host: the ivshmem driver's pattern is in the memory backend file"
else
    echo "FAIL host: the memory backend file does not hold the ivshmem driver's pattern"
fi

# The nvme scenario wrote 4 KiB to LBA 16 of 512-byte blocks (QEMUNVMe in NVMeScenarios.swift).
if python3 - "$work/nvme.img" <<'CHECK'
import sys
image = open(sys.argv[1], "rb").read()
pattern = bytes((i * 7 + i // 256) % 256 for i in range(4096))
sys.exit(0 if image[8192:8192 + 4096] == pattern and image[:8192] == bytes(8192) else 1)
CHECK
then
    echo "PASS host: the nvme image holds the driver's 4 KiB pattern at LBA 16 (byte 8192), and nothing before it"
else
    echo "FAIL host: the nvme image does not hold the driver's pattern at byte 8192"
fi

# drivergen dump ran in the guest on the real devices (Tests/QEMU/guest-tools.sh).
dump_check() {
    if grep -qE -- "$2" "$console"; then echo "PASS host: drivergen dump: $1"; else echo "FAIL host: drivergen dump: $1 (no line with: $2)"; fi
}
dump_check "edu's identification, decoded" "^BAR 0 +0x00000 +identification +0x0100_00ED +major=0x1 minor=0x0 magic=0xED"
dump_check "e1000e's MAC address register, decoded" "^BAR 0 +0x05404 +receiveAddressHigh0 +0x8000_5634 +address=0x5634 select=0x0 valid=true"
dump_check "e1000e's read-to-clear cause register, skipped" "^BAR 0 +0x000C0 +interruptCause +- +skipped: reading changes it \\(rc-w1c\\)"
dump_check "the wrong spec for a device, refused" "is 8086:10d3, not a device of /files/Specs/edu.yaml \\(1234:11e8\\); --force reads it anyway"

# drivergen-host ran the bundled drivers on the devices by address.
host_tool_check() {
    if sed -n '/HOST TOOL BEGIN/,/HOST TOOL END/p' "$console" | grep -qE -- "$2"; then echo "PASS host: drivergen-host: $1"; else
        echo "FAIL host: drivergen-host: $1 (no line with: $2)"; fi
}
host_tool_check "list names the matching bundled driver" "1234:11e8 +driver vfio-pci +matches EduDriver"
host_tool_check "run exercises edu" "10! = 3628800 \\(awaited through MSI\\)"
host_tool_check "run exercises e1000e" "MAC 52:54:00:12:34:56, link up"
host_tool_check "run exercises nvme" "model 'QEMU NVMe Ctrl', serial 'DRIVERGEN-QEMU-01'"

#!/bin/sh
# Runs in the QEMU guest after the scenarios (drivergen qemu's "after-guest"), in /files: the
# command-line tools on the real devices. Tests/QEMU/host-checks.sh reads what they print.
find_device() {
    for device in /sys/bus/pci/devices/*; do
        if [ "$(cat $device/vendor)" = "$1" ] && [ "$(cat $device/device)" = "$2" ]; then basename $device; return; fi
    done
}
edu=$(find_device 0x1234 0x11e8); e1000e=$(find_device 0x8086 0x10d3); nvme=$(find_device 0x1b36 0x0010)
echo "HOST TOOL BEGIN"
/bin/drivergen-host list
/bin/drivergen-host run $edu --exercise
/bin/drivergen-host run $e1000e --exercise
/bin/drivergen-host run $nvme --exercise
echo "HOST TOOL END"
for dump in "edu.yaml $edu" "e1000e.yaml $e1000e" "edu.yaml $e1000e"; do
    set -- $dump
    echo "DUMP BEGIN $1 $2"
    /bin/drivergen dump /files/Specs/$1 --device $2 2>&1
    echo "DUMP END $1 $2 status $?"
done
